namespace Streams.Transports.Esphome;

/// <summary>Where a proxy's API listens and how to talk to it.</summary>
/// <param name="Host">Its host name or address.</param>
/// <param name="Port">Its API port (ESPHome's default 6053).</param>
/// <param name="EncryptionKey">The 32-byte API encryption key (decoded from the base64 ESPHome shows); null: plaintext.</param>
/// <param name="Password">The legacy API password (removed in ESPHome 2026.1); null: none.</param>
internal sealed record EsphomeEndpoint(string Host, int Port = EsphomeEndpoint.DefaultPort, byte[]? EncryptionKey = null, string? Password = null)
{
    public const int DefaultPort = 6053;

    public string Name => $"{Host}:{Port}";

    /// <summary>Decodes ESPHome's base64 encryption key (<c>api: encryption: key</c>).</summary>
    /// <exception cref="FormatException">not base64 of exactly 32 bytes; the message says so without repeating the key.</exception>
    public static byte[] DecodeKey(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException error)
        {
            throw new FormatException("the ESPHome encryption key is not base64 (copy it from the proxy's api: encryption: key)", error);
        }

        return key.Length == Noise.NnPsk0Handshake.PskLength
            ? key
            : throw new FormatException($"the ESPHome encryption key decodes to {key.Length} bytes, not 32 (copy it from the proxy's api: encryption: key)");
    }

    // The key is a secret: never printed with the record.
    public override string ToString() => $"{Name} ({(EncryptionKey is null ? "plaintext" : "encrypted")})";
}
