namespace Streams.Mqtt;

/// <summary>Everything <see cref="MqttClient"/> needs to reach and talk to one broker.</summary>
internal sealed record MqttClientOptions
{
    /// <summary>The keep-alive when none is configured: a frozen broker is noticed within it (see <see cref="KeepAlive"/>).</summary>
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(20);

    public required string Host { get; init; }

    public int Port { get; init; } = 1883;

    /// <summary>Unique per running instance: a second client with the same id takes the session over [MQTT-3.1.4-2].</summary>
    public required string ClientId { get; init; }

    /// <summary>3.1.1 unless asked otherwise (MQTTnet's own default is 5).</summary>
    public MqttProtocol Protocol { get; init; } = MqttProtocol.V311;

    /// <summary>
    /// True (the default for a publish-mostly bridge): the broker keeps nothing between
    /// connections; subscriptions are renewed after every CONNACK.
    /// </summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>
    /// Sent in CONNECT: the broker drops the client after 1.5 × this of silence and publishes the
    /// will. The client pings every half of it and gives each ping <see cref="PingTimeout"/>, so a
    /// broker that stops answering (frozen, half-open link) is noticed within one keep-alive.
    /// Whole seconds, 1..65535.
    /// </summary>
    public TimeSpan KeepAlive { get; init; } = DefaultKeepAlive;

    /// <summary>How long a PINGREQ may wait for its PINGRESP; defaults to half of <see cref="KeepAlive"/>.</summary>
    public TimeSpan? PingTimeout { get; init; }

    /// <summary>Bound for TCP connect + TLS handshake + CONNACK.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? Username { get; init; }

    public string? Password { get; init; }

    public MqttWill? Will { get; init; }

    /// <summary>Published (retained, QoS 1) before DISCONNECT when the client is disposed.</summary>
    public MqttShutdownMessage? ShutdownMessage { get; init; }

    /// <summary>How long disposal waits for the PUBACK of <see cref="ShutdownMessage"/>, and again for the DISCONNECT.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public MqttTlsOptions? Tls { get; init; }

    public MqttReconnectPolicy Reconnect { get; init; } = new();

    /// <summary>Time between liveness pings: half the keep-alive, so a ping is always inside the interval [MQTT-3.1.2-23].</summary>
    internal TimeSpan PingInterval => TimeSpan.FromTicks(KeepAlive.Ticks / 2);

    internal TimeSpan EffectivePingTimeout => PingTimeout ?? PingInterval;

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line, user-facing reason for unusable settings.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("MQTT host is empty");
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException($"MQTT port {Port} is outside 1..65535");
        }

        if (MqttStrings.Problem(ClientId, "MQTT client id") is { } clientIdProblem)
        {
            throw new ArgumentException(clientIdProblem);
        }

        if (ClientId.Length == 0 && !CleanSession)
        {
            throw new ArgumentException("MQTT client id may only be empty with a clean session");
        }

        if (KeepAlive < TimeSpan.FromSeconds(1) || KeepAlive > TimeSpan.FromSeconds(ushort.MaxValue) || KeepAlive.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"MQTT keep-alive must be whole seconds within 1..65535, got {KeepAlive}");
        }

        if (EffectivePingTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("MQTT ping, connect and shutdown timeouts must be positive");
        }

        if (Password is not null && Username is null)
        {
            throw new ArgumentException("MQTT password given without a user name");
        }

        if (Username is not null && MqttStrings.Problem(Username, "MQTT user name") is { } userProblem)
        {
            throw new ArgumentException(userProblem);
        }

        if (Will is not null && MqttTopic.NameProblem(Will.Topic) is { } willProblem)
        {
            throw new ArgumentException($"MQTT will: {willProblem}");
        }

        if (ShutdownMessage is not null && MqttTopic.NameProblem(ShutdownMessage.Topic) is { } shutdownProblem)
        {
            throw new ArgumentException($"MQTT shutdown message: {shutdownProblem}");
        }

        Tls?.Validate();
        Reconnect.Validate();
    }
}
