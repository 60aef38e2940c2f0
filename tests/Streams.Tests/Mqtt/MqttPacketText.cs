using Streams.Mqtt.Packets;

namespace Streams.Tests.Mqtt;

/// <summary>
/// Renders a packet with every field, payloads as hex, so two packets compare by content
/// (record equality compares ReadOnlyMemory and lists by reference).
/// </summary>
internal static class MqttPacketText
{
    public static string Render(MqttPacket packet) => packet switch
    {
        MqttPublishPacket p => $"PUBLISH {p.Topic} q{(int)p.Qos} r{(p.Retain ? 1 : 0)} d{(p.Dup ? 1 : 0)} id{p.PacketId} {Convert.ToHexString(p.Payload.Span)}",
        MqttConnectPacket c => $"CONNECT {c.ClientId} clean{c.CleanSession} ka{c.KeepAliveSeconds} will[{Will(c.Will)}] user[{c.Username}] pw[{(c.Password is { } pw ? Convert.ToHexString(pw) : "-")}]",
        MqttSubscribePacket s => $"SUBSCRIBE id{s.PacketId} {string.Join(",", s.Subscriptions.Select(x => $"{x.Filter}:{(int)x.MaximumQos}"))}",
        MqttSubAckPacket a => $"SUBACK id{a.PacketId} {string.Join(",", a.ReturnCodes.Select(c => (int)c))}",
        MqttUnsubscribePacket u => $"UNSUBSCRIBE id{u.PacketId} {string.Join(",", u.Filters)}",
        _ => packet.ToString(),
    };

    private static string Will(MqttWill? will) =>
        will is null ? "-" : $"{will.Topic} q{(int)will.Qos} r{will.Retain} {Convert.ToHexString(will.Payload.Span)}";
}
