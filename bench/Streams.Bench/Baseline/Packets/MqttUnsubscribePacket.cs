namespace Streams.Bench.Baseline.Packets;

/// <summary>UNSUBSCRIBE (§3.10): fixed-header flags 0010, at least one filter.</summary>
public sealed record MqttUnsubscribePacket(ushort PacketId, IReadOnlyList<string> Filters) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;
}
