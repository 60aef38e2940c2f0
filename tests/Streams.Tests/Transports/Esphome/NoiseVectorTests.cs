using System.Security.Cryptography;
using FluentAssertions;
using Streams.Transports.Esphome.Noise;
using Xunit;

namespace Streams.Tests.Transports.Esphome;

/// <summary>
/// Our NNpsk0 handshake and transport ciphers against the published Noise test vector for
/// <c>Noise_NNpsk0_25519_ChaChaPoly_SHA256</c>: the cacophony vector file (haskell-cryptography/cacophony,
/// <c>vectors/cacophony.txt</c> at commit 8ee9d41e34a1a596cfa3ab12aa4069ff87dc1247; the same file ships as
/// <c>tests/vectors/cacophony.txt</c> in mcginty/snow). Only the data is copied here.
/// </summary>
public sealed class NoiseVectorTests
{
    private static readonly byte[] Prologue = Convert.FromHexString("4a6f686e2047616c74");
    private static readonly byte[] Psk = Convert.FromHexString("54686973206973206d7920417573747269616e20706572737065637469766521");
    private static readonly byte[] InitiatorEphemeral = Convert.FromHexString("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a");
    private static readonly byte[] ResponderEphemeral = Convert.FromHexString("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");
    private const string HandshakeHash = "f4d03dc34495c95729ea6de9e1b59004b59733102488b3e24bc441e0be208eaf";

    private static readonly (string Payload, string Ciphertext)[] Messages =
    [
        ("4c756477696720766f6e204d69736573", "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c794479b962b8aff8485742ac32f905ba45369e2465fb59e138a93d67a0d1266b6a54"),
        ("4d757272617920526f746862617264", "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843d6062704d5a9c422a8e834423f8c1feada7e8d0d910a1a2cd030fb584221e3"),
        ("462e20412e20486179656b", "e632c3763d7669067383433197a3baddf146e9e70ad4b4e9e59e0f"),
        ("4361726c204d656e676572", "64c6bee32ea91c8474bb4c21d7a700109ad45af77b29764ba5eb1e"),
        ("4a65616e2d426170746973746520536179", "e2fa0bed0603b62d3ccac2ecabbf3fe33f3e86514909b323361626266cb2471cc8"),
        ("457567656e2042f6686d20766f6e2042617765726b", "0c01dc9cec1fe4ddd692e8dd32188aa351088dc91183639a53b57aa4692b5ebdef8b8ca111"),
    ];

    [Fact]
    public void The_handshake_messages_and_hash_match_the_vector_on_both_sides()
    {
        using var initiator = Initiator(Psk);
        using var responder = Responder(Psk);

        Hex(initiator.WriteMessage(Bytes(Messages[0].Payload))).Should().Be(Messages[0].Ciphertext);
        Hex(responder.ReadMessage(Bytes(Messages[0].Ciphertext))).Should().Be(Messages[0].Payload);
        Hex(responder.WriteMessage(Bytes(Messages[1].Payload))).Should().Be(Messages[1].Ciphertext);
        Hex(initiator.ReadMessage(Bytes(Messages[1].Ciphertext))).Should().Be(Messages[1].Payload);

        initiator.IsComplete.Should().BeTrue();
        responder.IsComplete.Should().BeTrue();
        Hex(initiator.HandshakeHash).Should().Be(HandshakeHash);
        Hex(responder.HandshakeHash).Should().Be(HandshakeHash);
    }

    [Fact]
    public void The_transport_messages_match_the_vector_in_both_directions()
    {
        using var initiator = Initiator(Psk);
        using var responder = Responder(Psk);
        responder.ReadMessage(initiator.WriteMessage(Bytes(Messages[0].Payload)));
        initiator.ReadMessage(responder.WriteMessage(Bytes(Messages[1].Payload)));
        var (initiatorSend, initiatorReceive) = initiator.Split();
        var (responderSend, responderReceive) = responder.Split();

        for (var i = 2; i < Messages.Length; i++)
        {
            // After the handshake the initiator sends the even messages, the responder the odd ones.
            var (send, receive) = i % 2 == 0 ? (initiatorSend, responderReceive) : (responderSend, initiatorReceive);
            Hex(send.EncryptWithAd([], Bytes(Messages[i].Payload))).Should().Be(Messages[i].Ciphertext, $"message {i}");
            Hex(receive.DecryptWithAd([], Bytes(Messages[i].Ciphertext))).Should().Be(Messages[i].Payload, $"message {i}");
        }

        initiatorSend.Nonce.Should().Be(2);
        responderReceive.Nonce.Should().Be(2);
    }

    [Fact]
    public void A_different_psk_fails_the_first_message_as_not_authentic()
    {
        using var initiator = Initiator(Psk);
        using var responder = Responder(Enumerable.Repeat((byte)0x42, 32).ToArray());

        var read = () => responder.ReadMessage(initiator.WriteMessage([]));

        read.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void A_different_prologue_fails_the_handshake()
    {
        using var initiator = Initiator(Psk);
        using var responder = new NnPsk0Handshake(initiator: false, "NoiseAPIInit\0\0"u8, Psk, () => X25519KeyPair.FromPrivateKey(ResponderEphemeral));

        var read = () => responder.ReadMessage(initiator.WriteMessage([]));

        read.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void An_altered_transport_message_is_refused_and_does_not_advance_the_nonce()
    {
        using var initiator = Initiator(Psk);
        using var responder = Responder(Psk);
        responder.ReadMessage(initiator.WriteMessage([]));
        initiator.ReadMessage(responder.WriteMessage([]));
        var (send, _) = initiator.Split();
        var (_, receive) = responder.Split();
        var ciphertext = send.EncryptWithAd([], "ping"u8);
        var altered = (byte[])ciphertext.Clone();
        altered[0] ^= 0x01;

        var forged = () => receive.DecryptWithAd([], altered);

        forged.Should().Throw<CryptographicException>();
        receive.Nonce.Should().Be(0);
        receive.DecryptWithAd([], ciphertext).Should().Equal("ping"u8.ToArray());
    }

    [Fact]
    public void Messages_out_of_turn_are_refused()
    {
        using var initiator = Initiator(Psk);
        using var responder = Responder(Psk);

        ((Action)(() => initiator.ReadMessage(new byte[48]))).Should().Throw<InvalidOperationException>();
        ((Action)(() => responder.WriteMessage([]))).Should().Throw<InvalidOperationException>();
        ((Action)(() => initiator.Split())).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Random_ephemerals_still_agree_on_keys()
    {
        using var initiator = new NnPsk0Handshake(initiator: true, Prologue, Psk);
        using var responder = new NnPsk0Handshake(initiator: false, Prologue, Psk);
        responder.ReadMessage(initiator.WriteMessage([]));
        initiator.ReadMessage(responder.WriteMessage([]));

        var (send, _) = initiator.Split();
        var (_, receive) = responder.Split();

        receive.DecryptWithAd([], send.EncryptWithAd([], "hello"u8)).Should().Equal("hello"u8.ToArray());
        Hex(initiator.HandshakeHash).Should().Be(Hex(responder.HandshakeHash));
    }

    private static NnPsk0Handshake Initiator(byte[] psk) =>
        new(initiator: true, Prologue, psk, () => X25519KeyPair.FromPrivateKey(InitiatorEphemeral));

    private static NnPsk0Handshake Responder(byte[] psk) =>
        new(initiator: false, Prologue, psk, () => X25519KeyPair.FromPrivateKey(ResponderEphemeral));

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
