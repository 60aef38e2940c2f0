using FsCheck;
using FsCheck.Fluent;
using Streams.Mqtt.Packets;

namespace Streams.Tests.Mqtt;

/// <summary>FsCheck generators for valid packets of every kind the client speaks.</summary>
internal static class MqttPacketGenerators
{
    private static readonly string[] Levels = ["bms", "pack1", "state", "homeassistant", "°C", "x", "", "sensor", "\uFEFF", "ü", "$SYS"];

    public static Gen<string> TopicName =>
        Gen.Elements(Levels).ArrayOf().Where(l => l.Length > 0 && !(l.Length == 1 && l[0].Length == 0)).Select(l => string.Join('/', l));

    public static Gen<string> TopicFilter =>
        Gen.Elements([.. Levels.Where(l => l.Length > 0), "+"]).ArrayOf().Where(l => l.Length > 0)
            .SelectMany(levels => Gen.Elements(false, true), (levels, hash) => string.Join('/', hash ? [.. levels, "#"] : levels));

    public static Gen<ushort> PacketId => Gen.Choose(1, ushort.MaxValue).Select(i => (ushort)i);

    public static Gen<MqttQualityOfService> Qos => Gen.Elements(MqttQualityOfService.AtMostOnce, MqttQualityOfService.AtLeastOnce);

    public static Gen<byte[]> Bytes => ArbMap.Default.GeneratorFor<byte[]>();

    public static Gen<MqttPublishPacket> Publish =>
        from topic in TopicName
        from payload in Bytes
        from qos in Qos
        from retain in Gen.Elements(false, true)
        from dup in Gen.Elements(false, true)
        from id in PacketId
        select new MqttPublishPacket
        {
            Topic = topic,
            Payload = payload,
            Qos = qos,
            Retain = retain,
            Dup = qos == MqttQualityOfService.AtLeastOnce && dup,
            PacketId = qos == MqttQualityOfService.AtLeastOnce ? id : (ushort)0,
        };

    public static Gen<MqttPacket> Any =>
        Gen.OneOf(
            Publish.Select(p => (MqttPacket)p),
            PacketId.Select(id => (MqttPacket)new MqttPubAckPacket(id)),
            PacketId.Select(id => (MqttPacket)new MqttUnsubAckPacket(id)),
            from id in PacketId
            from filters in TopicFilter.NonEmptyListOf()
            from qos in Qos
            select (MqttPacket)new MqttSubscribePacket(id, [.. filters.Select(f => new MqttTopicSubscription(f, qos))]),
            from id in PacketId
            from codes in Gen.Elements(MqttSubscribeReturnCode.GrantedQos0, MqttSubscribeReturnCode.GrantedQos1, MqttSubscribeReturnCode.Failure).NonEmptyListOf()
            select (MqttPacket)new MqttSubAckPacket(id, [.. codes]),
            from id in PacketId
            from filters in TopicFilter.NonEmptyListOf()
            select (MqttPacket)new MqttUnsubscribePacket(id, [.. filters]),
            from present in Gen.Elements(false, true)
            from code in Gen.Choose(0, 5)
            select (MqttPacket)new MqttConnAckPacket(present && code == 0, (MqttConnectReturnCode)code),
            Gen.Elements<MqttPacket>(MqttPingReqPacket.Instance, MqttPingRespPacket.Instance, MqttDisconnectPacket.Instance),
            from clientId in Gen.Elements("bridge", "a", string.Empty, "°")
            from keepAlive in Gen.Choose(0, ushort.MaxValue)
            from willTopic in TopicName
            from hasWill in Gen.Elements(false, true)
            from willPayload in Bytes
            from user in Gen.Elements<string?>(null, "bms", string.Empty)
            from password in Bytes
            from hasPassword in Gen.Elements(false, true)
            select (MqttPacket)new MqttConnectPacket
            {
                ClientId = clientId,
                CleanSession = true,
                KeepAliveSeconds = (ushort)keepAlive,
                Will = hasWill ? new MqttWill(willTopic, willPayload, MqttQualityOfService.AtLeastOnce, Retain: true) : null,
                Username = user,
                Password = user is not null && hasPassword ? password : null,
            });
}
