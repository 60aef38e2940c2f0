namespace Streams.Bench.Baseline.Packets;

/// <summary>CONNACK (§3.2).</summary>
public sealed record MqttConnAckPacket(bool SessionPresent, MqttConnectReturnCode ReturnCode) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.ConnAck;
}
