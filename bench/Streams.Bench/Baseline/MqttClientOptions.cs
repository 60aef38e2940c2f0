using Streams.Bench.Baseline.Formatter;
using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline;

/// <summary>Everything <see cref="MqttClient"/> needs to reach and talk to one broker.</summary>
public sealed record MqttClientOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 1883;

    /// <summary>Unique per running instance: a second client with the same id takes the session over [MQTT-3.1.4-2].</summary>
    public required string ClientId { get; init; }

    /// <summary>
    /// True (the default for a publish-mostly bridge): the broker keeps nothing between
    /// connections; subscriptions are renewed after every CONNACK.
    /// </summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>The client sends something at least this often; PINGREQ when idle. Whole seconds, 1..65535.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for an answer to PINGREQ before the connection is declared dead; defaults to <see cref="KeepAlive"/>.</summary>
    public TimeSpan? PingTimeout { get; init; }

    /// <summary>Bound for TCP connect + TLS handshake + CONNACK.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? Username { get; init; }

    public string? Password { get; init; }

    public MqttWill? Will { get; init; }

    /// <summary>Published (retained, QoS 1) before DISCONNECT when the client is disposed.</summary>
    public MqttShutdownMessage? ShutdownMessage { get; init; }

    /// <summary>How long disposal waits for the PUBACK of <see cref="ShutdownMessage"/>.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public MqttTlsOptions? Tls { get; init; }

    public MqttReconnectPolicy Reconnect { get; init; } = new();

    /// <summary>Most QoS 1 publishes sent and awaiting PUBACK at once; later ones wait their turn, in order.</summary>
    public int MaxInFlight { get; init; } = 256;

    /// <summary>
    /// Most QoS 1 publishes waiting to be sent (no connection, or the in-flight window is full).
    /// Beyond it PublishAsync fails at once instead of growing memory while the broker is away;
    /// state that only needs its newest value belongs in Streams.Mqtt.MqttLatestStatePublisher.
    /// </summary>
    public int MaxQueued { get; init; } = 10_000;

    /// <summary>Largest packet accepted from the broker; a bigger one closes the connection.</summary>
    public int MaxIncomingPacketSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Keep-alive interval, or PINGREQ cadence: 3/4 of <see cref="KeepAlive"/> so a ping is always inside the interval.</summary>
    internal TimeSpan PingInterval => TimeSpan.FromTicks(KeepAlive.Ticks * 3 / 4);

    internal TimeSpan EffectivePingTimeout => PingTimeout ?? KeepAlive;

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

        var clientIdProblem = MqttStrings.Problem(ClientId, "MQTT client id");
        if (clientIdProblem is not null)
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

        if (MaxInFlight is < 1 or > ushort.MaxValue - 16)
        {
            throw new ArgumentException($"MQTT max in-flight must be within 1..{ushort.MaxValue - 16}, got {MaxInFlight}");
        }

        if (MaxQueued < 1)
        {
            throw new ArgumentException($"MQTT max queued must be at least 1, got {MaxQueued}");
        }

        if (MaxIncomingPacketSize < 16)
        {
            throw new ArgumentException($"MQTT max incoming packet size {MaxIncomingPacketSize} is too small");
        }

        Tls?.Validate();
        Reconnect.Validate();
    }
}
