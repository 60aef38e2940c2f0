namespace Streams.Bench.Baseline.Packets;

/// <summary>PINGREQ (§3.12): header only.</summary>
public sealed record MqttPingReqPacket : MqttPacket
{
    public static MqttPingReqPacket Instance { get; } = new();

    public override MqttPacketType Type => MqttPacketType.PingReq;
}
