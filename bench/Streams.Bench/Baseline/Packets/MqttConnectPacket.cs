namespace Streams.Bench.Baseline.Packets;

/// <summary>CONNECT (§3.1): always protocol name "MQTT", level 4.</summary>
public sealed record MqttConnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;

    public required string ClientId { get; init; }

    public bool CleanSession { get; init; } = true;

    /// <summary>Seconds; 0 disables keep-alive (not for a bridge).</summary>
    public ushort KeepAliveSeconds { get; init; }

    public MqttWill? Will { get; init; }

    public string? Username { get; init; }

    /// <summary>Binary data in 3.1.1 (§3.1.3.5); only allowed together with a user name.</summary>
    public byte[]? Password { get; init; }
}
