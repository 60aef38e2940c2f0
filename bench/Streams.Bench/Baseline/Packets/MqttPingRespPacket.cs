namespace Streams.Bench.Baseline.Packets;

/// <summary>PINGRESP (§3.13): header only.</summary>
public sealed record MqttPingRespPacket : MqttPacket
{
    public static MqttPingRespPacket Instance { get; } = new();

    public override MqttPacketType Type => MqttPacketType.PingResp;
}
