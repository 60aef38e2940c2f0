using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Tests.Support;
using Streams.Transports.Esphome;
using Streams.Transports.Esphome.Framing;
using Streams.Transports.Esphome.Messages;
using Streams.Transports.Esphome.Noise;
using Xunit;

namespace Streams.Tests.Transports.Esphome;

/// <summary>The plaintext and Noise framers and codecs: any chunking yields the same messages, garbage never throws, round trips.</summary>
public sealed class ApiFramerProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<(uint Type, byte[] Payload)> AnyFrame { get; } =
        Gen.Zip(Gen.Choose(0, ushort.MaxValue).Select(t => (uint)t), Generators.Noise(300));

    [Fact]
    public void Plaintext_frames_round_trip_through_any_chunking()
    {
        Check.One(Runs, Prop.ForAll(AnyFrame.ArrayOf().ToArb(), Generators.Cuts(4000).ToArb(), (frames, cuts) =>
        {
            var stream = frames.SelectMany(f => PlaintextFramer.Write(f.Type, f.Payload)).ToArray();
            var read = ReadPlaintext(Chunks.CutAt(stream, cuts));
            return read.Select(Describe).SequenceEqual(frames.Select(Describe));
        }));
    }

    [Fact]
    public void Noise_frames_round_trip_through_any_chunking()
    {
        Check.One(Runs, Prop.ForAll(Generators.Noise(300).ArrayOf().ToArb(), Generators.Cuts(4000).ToArb(), (payloads, cuts) =>
        {
            var stream = payloads.SelectMany(p => NoiseFramer.Write(p)).ToArray();
            var read = ReadNoise(Chunks.CutAt(stream, cuts));
            return read.Select(Convert.ToHexString).SequenceEqual(payloads.Select(Convert.ToHexString));
        }));
    }

    [Fact]
    public void Garbage_never_throws_and_either_waits_or_is_invalid_or_frames_within_the_buffer()
    {
        Check.One(Runs, Prop.ForAll(Generators.Noise(200).ToArb(), noise =>
        {
            var plain = PlaintextFramer.TryRead(noise, out var consumed, out _, out var payload, out var fault);
            var noisy = NoiseFramer.TryRead(noise, out var noiseConsumed, out var noisePayload, out var noiseFault);
            var inner = NoiseMessage.TryRead(noise, out _, out var innerPayload);
            return Sane(plain, consumed, payload, fault, noise.Length)
                && Sane(noisy, noiseConsumed, noisePayload, noiseFault, noise.Length)
                && (!inner || innerPayload.End.Value <= noise.Length);
        }));
    }

    [Fact]
    public void The_plaintext_codec_fails_garbage_with_a_protocol_error_never_another_exception()
    {
        Check.One(Runs, Prop.ForAll(Generators.Noise(200).ToArb(), noise =>
        {
            try
            {
                new PlaintextCodec("proxy").Decode(noise);
                return true;
            }
            catch (EsphomeApiException)
            {
                return true;
            }
        }));
    }

    [Fact]
    public void Messages_survive_both_codecs_cut_anywhere()
    {
        var messages = new Google.Protobuf.IMessage[]
        {
            new HelloResponse { ApiVersionMajor = 1, ApiVersionMinor = 14, Name = "bms-proxy", ServerInfo = "2026.1.3" },
            new BluetoothGATTNotifyDataResponse { Address = 0xA4C137042DBE, Handle = 17, Data = Google.Protobuf.ByteString.CopyFrom(Convert.FromHexString("DD03001D0618000001F201F400002C7C00000000")) },
            new PingRequest(),
            new BluetoothConnectionsFreeResponse { Free = 2, Limit = 3, Allocated = { 0xA4C137042DBE } },
        };
        using var pair = NoisePair();
        var plainBytes = messages.SelectMany(m => new PlaintextCodec("proxy").Encode(m)).ToArray();
        var noiseBytes = messages.SelectMany(pair.Sender.Encode).ToArray();

        Check.One(Runs, Prop.ForAll(Generators.Cuts(400).ToArb(), cuts =>
        {
            var plain = new PlaintextCodec("proxy");
            var decodedPlain = Chunks.CutAt(plainBytes, cuts).SelectMany(c => plain.Decode(c.Span)).ToArray();
            return decodedPlain.SequenceEqual(messages);
        }));

        pair.Receiver.Decode(noiseBytes).Should().Equal(messages);
    }

    [Fact]
    public void Known_plaintext_frames_decode_as_esphome_writes_them()
    {
        // 0x00, length 0, type 7 (PingRequest); then 0x00, length 2, type 8 (PingResponse) with an unknown field.
        var messages = new PlaintextCodec("proxy").Decode(Convert.FromHexString("000007" + "0002080800"));

        messages.Should().HaveCount(2);
        messages[0].Should().BeOfType<PingRequest>();
        messages[1].Should().BeOfType<PingResponse>();
        PlaintextFramer.Write(1, [0xAA]).Should().Equal(0x00, 0x01, 0x01, 0xAA);
        PlaintextFramer.Write(93, new byte[200]).Take(4).Should().Equal(0x00, 0xC8, 0x01, 0x5D);
    }

    [Fact]
    public void A_noise_frame_to_a_plaintext_client_and_the_reverse_say_what_to_change()
    {
        var toPlain = () => new PlaintextCodec("proxy").Decode(Convert.FromHexString("010013014261642069"));
        var toNoise = () => new NoiseCodec(new CipherState(), new CipherState(), "proxy").Decode(Convert.FromHexString("00426164"));

        toPlain.Should().Throw<EsphomeApiException>().WithMessage("*requires encryption*");
        toNoise.Should().Throw<EsphomeApiException>().WithMessage("*does not use encryption*");
    }

    private static bool Sane(FrameRead read, int consumed, Range payload, FrameFault fault, int length) => read switch
    {
        FrameRead.Frame => consumed > 0 && consumed <= length && payload.End.Value == consumed && fault == FrameFault.None,
        FrameRead.Invalid => consumed == 0 && fault != FrameFault.None,
        _ => consumed == 0,
    };

    private static List<(uint Type, byte[] Payload)> ReadPlaintext(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        var buffer = new List<byte>();
        var frames = new List<(uint, byte[])>();
        foreach (var chunk in chunks)
        {
            buffer.AddRange(chunk.ToArray());
            while (PlaintextFramer.TryRead(buffer.ToArray(), out var consumed, out var type, out var payload, out _) == FrameRead.Frame)
            {
                frames.Add((type, buffer.ToArray()[payload]));
                buffer.RemoveRange(0, consumed);
            }
        }

        return frames;
    }

    private static List<byte[]> ReadNoise(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        var buffer = new List<byte>();
        var frames = new List<byte[]>();
        foreach (var chunk in chunks)
        {
            buffer.AddRange(chunk.ToArray());
            while (NoiseFramer.TryRead(buffer.ToArray(), out var consumed, out var payload, out _) == FrameRead.Frame)
            {
                frames.Add(buffer.ToArray()[payload]);
                buffer.RemoveRange(0, consumed);
            }
        }

        return frames;
    }

    private static string Describe((uint Type, byte[] Payload) frame) => $"{frame.Type}:{Convert.ToHexString(frame.Payload)}";

    private static CodecPair NoisePair()
    {
        var psk = new byte[32];
        using var initiator = new NnPsk0Handshake(initiator: true, "NoiseAPIInit\0\0"u8, psk);
        using var responder = new NnPsk0Handshake(initiator: false, "NoiseAPIInit\0\0"u8, psk);
        responder.ReadMessage(initiator.WriteMessage([]));
        initiator.ReadMessage(responder.WriteMessage([]));
        var (send, _) = responder.Split();
        var (_, receive) = initiator.Split();
        return new CodecPair(new NoiseCodec(send, new CipherState(), "proxy"), new NoiseCodec(new CipherState(), receive, "proxy"));
    }

    private sealed record CodecPair(NoiseCodec Sender, NoiseCodec Receiver) : IDisposable
    {
        public void Dispose()
        {
            Sender.Dispose();
            Receiver.Dispose();
        }
    }
}
