namespace Streams.Bench.Baseline.Packets;

/// <summary>PUBACK (§3.4).</summary>
public sealed record MqttPubAckPacket(ushort PacketId) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.PubAck;
}
