using System.Security.Cryptography;
using System.Text;

namespace Streams.Transports.Esphome.Noise;

/// <summary>The Noise SymmetricState over SHA-256 (specification §5.2, §4.3 HKDF).</summary>
internal sealed class SymmetricState : IDisposable
{
    private const int HashLength = 32;

    private readonly CipherState _cipher = new();
    private byte[] _chainingKey;
    private byte[] _hash;

    public SymmetricState(string protocolName)
    {
        var name = Encoding.ASCII.GetBytes(protocolName);
        _hash = name.Length <= HashLength ? [.. name, .. new byte[HashLength - name.Length]] : SHA256.HashData(name);
        _chainingKey = _hash;
    }

    public ReadOnlySpan<byte> HandshakeHash => _hash;

    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial)
    {
        var (chainingKey, key, _) = Hkdf(_chainingKey, inputKeyMaterial, outputs: 2);
        _chainingKey = chainingKey;
        _cipher.InitializeKey(key);
    }

    public void MixHash(ReadOnlySpan<byte> data) => _hash = SHA256.HashData([.. _hash, .. data]);

    public void MixKeyAndHash(ReadOnlySpan<byte> inputKeyMaterial)
    {
        var (chainingKey, hash, key) = Hkdf(_chainingKey, inputKeyMaterial, outputs: 3);
        _chainingKey = chainingKey;
        MixHash(hash);
        _cipher.InitializeKey(key!);
    }

    public byte[] EncryptAndHash(ReadOnlySpan<byte> plaintext)
    {
        var ciphertext = _cipher.EncryptWithAd(_hash, plaintext);
        MixHash(ciphertext);
        return ciphertext;
    }

    /// <exception cref="CryptographicException">not authentic: the peers disagree on the key (for ESPHome: the PSK).</exception>
    public byte[] DecryptAndHash(ReadOnlySpan<byte> ciphertext)
    {
        var plaintext = _cipher.DecryptWithAd(_hash, ciphertext);
        MixHash(ciphertext);
        return plaintext;
    }

    /// <summary>The two transport ciphers: the first for the initiator's messages, the second for the responder's.</summary>
    public (CipherState InitiatorToResponder, CipherState ResponderToInitiator) Split()
    {
        var (first, second, _) = Hkdf(_chainingKey, [], outputs: 2);
        var initiator = new CipherState();
        var responder = new CipherState();
        initiator.InitializeKey(first);
        responder.InitializeKey(second);
        return (initiator, responder);
    }

    public void Dispose() => _cipher.Dispose();

    private static (byte[] First, byte[] Second, byte[]? Third) Hkdf(byte[] chainingKey, ReadOnlySpan<byte> inputKeyMaterial, int outputs)
    {
        var tempKey = HMACSHA256.HashData(chainingKey, inputKeyMaterial);
        var first = HMACSHA256.HashData(tempKey, (byte[])[0x01]);
        var second = HMACSHA256.HashData(tempKey, (byte[])[.. first, 0x02]);
        var third = outputs == 3 ? HMACSHA256.HashData(tempKey, (byte[])[.. second, 0x03]) : null;
        return (first, second, third);
    }
}
