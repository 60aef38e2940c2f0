namespace Streams.Bench.Baseline.Packets;

/// <summary>SUBACK (§3.9).</summary>
public sealed record MqttSubAckPacket(ushort PacketId, IReadOnlyList<MqttSubscribeReturnCode> ReturnCodes) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.SubAck;
}
