namespace Streams.Bench.Baseline.Packets;

/// <summary>UNSUBACK (§3.11).</summary>
public sealed record MqttUnsubAckPacket(ushort PacketId) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.UnsubAck;
}
