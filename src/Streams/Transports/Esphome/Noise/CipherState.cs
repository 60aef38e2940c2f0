using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Streams.Transports.Esphome.Noise;

/// <summary>
/// The Noise CipherState for ChaChaPoly (Noise specification §5.1, §12.3): a 32-byte key and a
/// 64-bit nonce, sent as 32 zero bits and the counter little-endian. No key: plaintext passes
/// through. .NET's ChaCha20Poly1305 (OpenSSL on Linux) does the cipher.
/// </summary>
internal sealed class CipherState : IDisposable
{
    public const int TagLength = 16;

    private ChaCha20Poly1305? _aead;
    private ulong _nonce;

    public bool HasKey => _aead is not null;

    /// <summary>The next nonce; for tests against the specification's vectors.</summary>
    public ulong Nonce => _nonce;

    public void InitializeKey(ReadOnlySpan<byte> key)
    {
        _aead?.Dispose();
        _aead = new ChaCha20Poly1305(key);
        _nonce = 0;
    }

    public byte[] EncryptWithAd(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext)
    {
        if (_aead is null)
        {
            return plaintext.ToArray();
        }

        var output = new byte[plaintext.Length + TagLength];
        _aead.Encrypt(NextNonce(), plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), ad);
        return output;
    }

    /// <exception cref="CryptographicException">the ciphertext is not authentic (wrong key or altered), or shorter than a tag.</exception>
    public byte[] DecryptWithAd(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext)
    {
        if (_aead is null)
        {
            return ciphertext.ToArray();
        }

        if (ciphertext.Length < TagLength)
        {
            throw new CryptographicException($"a {ciphertext.Length}-byte ciphertext is shorter than its {TagLength}-byte tag");
        }

        var length = ciphertext.Length - TagLength;
        var output = new byte[length];
        Span<byte> nonce = stackalloc byte[12];
        WriteNonce(nonce, _nonce);

        // The nonce counts only authentic messages: a forged one must not shift the sequence.
        _aead.Decrypt(nonce, ciphertext[..length], ciphertext[length..], output, ad);
        _nonce++;
        return output;
    }

    public void Dispose() => _aead?.Dispose();

    private byte[] NextNonce()
    {
        if (_nonce == ulong.MaxValue)
        {
            // 2^64-1 is reserved by the specification; a connection never gets near it.
            throw new CryptographicException("Noise nonce exhausted");
        }

        var nonce = new byte[12];
        WriteNonce(nonce, _nonce++);
        return nonce;
    }

    private static void WriteNonce(Span<byte> nonce, ulong counter)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], counter);
    }
}
