using Streams.Core;

namespace Streams.Config.Model;

/// <summary>An ESPHome Bluetooth proxy a BLE source is reached through (<c>via: esphome</c>).</summary>
/// <param name="Host">Its host name or address.</param>
/// <param name="Port">Its native API port; 6053 by default.</param>
/// <param name="EncryptionKey">The base64 API encryption key of its YAML (<c>api: encryption: key</c>), checked to be 32 bytes; null: plaintext.</param>
/// <param name="ApiPassword">The legacy API password (<c>api: password</c>, removed in ESPHome 2026.1); null: none.</param>
internal sealed record EsphomeProxyConfig(string Host, int Port, Secret? EncryptionKey, Secret? ApiPassword)
{
    /// <summary>ESPHome's native API port.</summary>
    public const int DefaultPort = 6053;

    /// <summary><c>host:port</c>: what identifies one proxy, shared by every source that names it.</summary>
    public string Endpoint => $"{Host.ToLowerInvariant()}:{Port}";
}
