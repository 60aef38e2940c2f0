namespace Streams.IntegrationTests.Mqtt;

/// <summary>One listener of a test broker, on its own free loopback port.</summary>
internal sealed record MosquittoListener(string Name)
{
    public bool Anonymous { get; init; } = true;

    /// <summary>Password file (users bms and ha) and the ACL of mqtt.md §1.4.</summary>
    public bool Passwords { get; init; }

    public bool Tls { get; init; }

    /// <summary>Mutual TLS: a client certificate from the test CA is required and its CN becomes the user name.</summary>
    public bool RequireClientCertificate { get; init; }
}
