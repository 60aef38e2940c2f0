namespace Streams.Bench.Baseline.Packets;

/// <summary>PUBLISH (§3.3). <see cref="PacketId"/> is 0 exactly when <see cref="Qos"/> is at-most-once.</summary>
public sealed record MqttPublishPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Publish;

    public required string Topic { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService Qos { get; init; }

    public bool Retain { get; init; }

    /// <summary>Set only when re-sending a QoS 1 message [MQTT-3.3.1-1]; never on QoS 0 [MQTT-3.3.1-2].</summary>
    public bool Dup { get; init; }

    public ushort PacketId { get; init; }
}
