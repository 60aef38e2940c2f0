namespace Streams.Bench.Baseline.Packets;

/// <summary>DISCONNECT (§3.14): header only; the broker then discards the will [MQTT-3.1.2-10].</summary>
public sealed record MqttDisconnectPacket : MqttPacket
{
    public static MqttDisconnectPacket Instance { get; } = new();

    public override MqttPacketType Type => MqttPacketType.Disconnect;
}
