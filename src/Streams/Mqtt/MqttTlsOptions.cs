namespace Streams.Mqtt;

/// <summary>
/// TLS for the broker connection. With <see cref="CaFile"/> the server's chain must end at that CA
/// and only that CA (the system store is not consulted); without it the system store decides.
/// Host name verification is on unless switched off; <see cref="Insecure"/> turns every check off
/// and is meant for a first test against a broker with a throwaway certificate, nothing more.
/// </summary>
internal sealed record MqttTlsOptions
{
    /// <summary>PEM file with the CA certificate(s) the broker's certificate must chain to.</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM client certificate for mutual TLS; needs <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="ClientCertificateFile"/> (unencrypted PKCS#8, PKCS#1 or SEC1).</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>Name checked against the server certificate and sent as SNI; defaults to the broker host.</summary>
    public string? ServerName { get; init; }

    public bool VerifyHostname { get; init; } = true;

    /// <summary>Accept any server certificate. Explicit opt-in; logged as a warning on every connect.</summary>
    public bool Insecure { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for a configuration that cannot work.</summary>
    public void Validate()
    {
        if (CaFile is not null && !File.Exists(CaFile))
        {
            throw new ArgumentException($"MQTT TLS CA file '{CaFile}' does not exist");
        }

        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
        {
            throw new ArgumentException("MQTT TLS client certificate and client key must be given together");
        }

        if (ClientCertificateFile is not null && !File.Exists(ClientCertificateFile))
        {
            throw new ArgumentException($"MQTT TLS client certificate file '{ClientCertificateFile}' does not exist");
        }

        if (ClientKeyFile is not null && !File.Exists(ClientKeyFile))
        {
            throw new ArgumentException($"MQTT TLS client key file '{ClientKeyFile}' does not exist");
        }
    }
}
