using NSec.Cryptography;

namespace Streams.Transports.Esphome.Noise;

/// <summary>An X25519 key pair for Noise's DH (specification §12.1), on NSec (libsodium).</summary>
internal sealed class X25519KeyPair : IDisposable
{
    public const int KeyLength = 32;

    private static readonly KeyAgreementAlgorithm Algorithm = KeyAgreementAlgorithm.X25519;
    private readonly Key _key;

    private X25519KeyPair(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public byte[] PublicKey { get; }

    /// <summary>A fresh random key pair (each handshake's ephemeral key).</summary>
    public static X25519KeyPair Generate() => new(Key.Create(Algorithm, new KeyCreationParameters()));

    /// <summary>A given private key: the test vectors' fixed ephemerals.</summary>
    public static X25519KeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey) =>
        new(Key.Import(Algorithm, privateKey, KeyBlobFormat.RawPrivateKey));

    /// <summary>DH(this private key, <paramref name="remotePublicKey"/>): 32 bytes.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">the remote key is malformed or of low order.</exception>
    public byte[] Agree(ReadOnlySpan<byte> remotePublicKey)
    {
        if (!NSec.Cryptography.PublicKey.TryImport(Algorithm, remotePublicKey, KeyBlobFormat.RawPublicKey, out var remote) || remote is null)
        {
            throw new System.Security.Cryptography.CryptographicException("the peer's X25519 public key is malformed");
        }

        using var secret = Algorithm.Agree(_key, remote, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })
            ?? throw new System.Security.Cryptography.CryptographicException("the peer's X25519 public key is of low order");
        return secret.Export(SharedSecretBlobFormat.RawSharedSecret);
    }

    public void Dispose() => _key.Dispose();
}
