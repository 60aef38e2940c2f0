namespace Streams.Config.Model;

/// <summary>TLS towards the broker. Paths are absolute and were checked to exist at load.</summary>
/// <param name="CaFile">PEM file of the CA that signed the broker's certificate; null = the system trust store.</param>
/// <param name="CertFile">Client certificate (PEM) for mutual TLS; set together with <paramref name="KeyFile"/>.</param>
/// <param name="KeyFile">Client private key (PEM) for mutual TLS.</param>
/// <param name="Insecure">When true, the broker's certificate is not verified. For tests only.</param>
public sealed record MqttTlsConfig(string? CaFile, string? CertFile, string? KeyFile, bool Insecure);
