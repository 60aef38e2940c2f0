namespace Streams.Bench.Baseline.Packets;

/// <summary>SUBSCRIBE (§3.8): fixed-header flags 0010, at least one filter.</summary>
public sealed record MqttSubscribePacket(ushort PacketId, IReadOnlyList<MqttTopicSubscription> Subscriptions) : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;
}
