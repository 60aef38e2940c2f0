using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline.Formatter;

/// <summary>
/// Encodes packets into one reusable <see cref="MqttBufferWriter"/>. Strict: anything MQTT 3.1.1
/// forbids a client to send (wildcards in a topic, packet id 0, DUP on QoS 0, a password without a
/// user name, ...) throws <see cref="MqttProtocolViolationException"/> before a byte leaves.
/// Not thread-safe: one encoder per writer loop.
/// </summary>
public sealed class MqttPacketEncoder
{
    private const byte ProtocolLevel = 4;
    private readonly MqttBufferWriter _writer;

    public MqttPacketEncoder(MqttBufferWriter? writer = null)
    {
        _writer = writer ?? new MqttBufferWriter();
    }

    /// <summary>Encodes into an owned array (tests, one-off packets).</summary>
    public static byte[] EncodeToArray(MqttPacket packet) => new MqttPacketEncoder().Encode(packet).ToArray();

    /// <summary>The whole packet; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Encode(MqttPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        _writer.Reset();
        var first = packet switch
        {
            MqttConnectPacket connect => EncodeConnect(connect),
            MqttConnAckPacket connAck => EncodeConnAck(connAck),
            MqttPublishPacket publish => EncodePublish(publish),
            MqttPubAckPacket pubAck => EncodeIdOnly(MqttPacketType.PubAck, pubAck.PacketId),
            MqttSubscribePacket subscribe => EncodeSubscribe(subscribe),
            MqttSubAckPacket subAck => EncodeSubAck(subAck),
            MqttUnsubscribePacket unsubscribe => EncodeUnsubscribe(unsubscribe),
            MqttUnsubAckPacket unsubAck => EncodeIdOnly(MqttPacketType.UnsubAck, unsubAck.PacketId),
            MqttPingReqPacket or MqttPingRespPacket or MqttDisconnectPacket => Header(packet.Type, 0),
            _ => throw new MqttProtocolViolationException($"no encoder for {packet.GetType().Name}"),
        };
        return _writer.Complete(first);
    }

    private static byte Header(MqttPacketType type, int flags) => (byte)(((int)type << 4) | flags);

    private static void RequireId(ushort packetId, string packet)
    {
        if (packetId == 0)
        {
            throw new MqttProtocolViolationException($"{packet} needs a non-zero packet id [MQTT-2.3.1-1]");
        }
    }

    private static void RequireQos(MqttQualityOfService qos, string what)
    {
        if (qos is not (MqttQualityOfService.AtMostOnce or MqttQualityOfService.AtLeastOnce))
        {
            throw new MqttProtocolViolationException($"{what} QoS {(int)qos} is not supported (0 or 1)");
        }
    }

    private byte EncodeConnect(MqttConnectPacket p)
    {
        if (p.ClientId.Length == 0 && !p.CleanSession)
        {
            throw new MqttProtocolViolationException("an empty client id requires CleanSession=1 [MQTT-3.1.3-7]");
        }

        if (p.Password is not null && p.Username is null)
        {
            throw new MqttProtocolViolationException("a password needs a user name [MQTT-3.1.2-22]");
        }

        var flags = 0;
        if (p.CleanSession)
        {
            flags |= 0x02;
        }

        if (p.Will is { } will)
        {
            RequireQos(will.Qos, "will");
            flags |= 0x04 | ((int)will.Qos << 3) | (will.Retain ? 0x20 : 0);
        }

        if (p.Password is not null)
        {
            flags |= 0x40;
        }

        if (p.Username is not null)
        {
            flags |= 0x80;
        }

        _writer.WriteString("MQTT", "protocol name");
        _writer.WriteByte(ProtocolLevel);
        _writer.WriteByte((byte)flags);
        _writer.WriteUInt16(p.KeepAliveSeconds);
        _writer.WriteString(p.ClientId, "client id");
        if (p.Will is { } w)
        {
            var problem = MqttTopic.NameProblem(w.Topic);
            if (problem is not null)
            {
                throw new MqttProtocolViolationException($"will: {problem}");
            }

            _writer.WriteString(w.Topic, "will topic");
            _writer.WriteBinary(w.Payload.Span, "will payload");
        }

        if (p.Username is not null)
        {
            _writer.WriteString(p.Username, "user name");
        }

        if (p.Password is { } password)
        {
            _writer.WriteBinary(password, "password");
        }

        return Header(MqttPacketType.Connect, 0);
    }

    private byte EncodeConnAck(MqttConnAckPacket p)
    {
        if (p.SessionPresent && p.ReturnCode != MqttConnectReturnCode.Accepted)
        {
            throw new MqttProtocolViolationException("a refusing CONNACK must have SessionPresent=0 [MQTT-3.2.2-4]");
        }

        _writer.WriteByte(p.SessionPresent ? (byte)1 : (byte)0);
        _writer.WriteByte((byte)p.ReturnCode);
        return Header(MqttPacketType.ConnAck, 0);
    }

    private byte EncodePublish(MqttPublishPacket p)
    {
        var problem = MqttTopic.NameProblem(p.Topic);
        if (problem is not null)
        {
            throw new MqttProtocolViolationException(problem);
        }

        RequireQos(p.Qos, "PUBLISH");
        if (p.Qos == MqttQualityOfService.AtMostOnce)
        {
            if (p.Dup)
            {
                throw new MqttProtocolViolationException("DUP must be 0 on a QoS 0 PUBLISH [MQTT-3.3.1-2]");
            }

            if (p.PacketId != 0)
            {
                throw new MqttProtocolViolationException("a QoS 0 PUBLISH has no packet id [MQTT-2.3.1-5]");
            }
        }
        else
        {
            RequireId(p.PacketId, "a QoS 1 PUBLISH");
        }

        _writer.WriteString(p.Topic, "topic name");
        if (p.Qos != MqttQualityOfService.AtMostOnce)
        {
            _writer.WriteUInt16(p.PacketId);
        }

        _writer.WriteBytes(p.Payload.Span);
        var flags = (p.Dup ? 0x08 : 0) | ((int)p.Qos << 1) | (p.Retain ? 0x01 : 0);
        return Header(MqttPacketType.Publish, flags);
    }

    private byte EncodeIdOnly(MqttPacketType type, ushort packetId)
    {
        RequireId(packetId, type.ToString().ToUpperInvariant());
        _writer.WriteUInt16(packetId);
        return Header(type, 0);
    }

    private byte EncodeSubscribe(MqttSubscribePacket p)
    {
        RequireId(p.PacketId, "SUBSCRIBE");
        if (p.Subscriptions.Count == 0)
        {
            throw new MqttProtocolViolationException("SUBSCRIBE needs at least one filter [MQTT-3.8.3-3]");
        }

        _writer.WriteUInt16(p.PacketId);
        foreach (var subscription in p.Subscriptions)
        {
            var problem = MqttTopic.FilterProblem(subscription.Filter);
            if (problem is not null)
            {
                throw new MqttProtocolViolationException(problem);
            }

            RequireQos(subscription.MaximumQos, "SUBSCRIBE");
            _writer.WriteString(subscription.Filter, "topic filter");
            _writer.WriteByte((byte)subscription.MaximumQos);
        }

        return Header(MqttPacketType.Subscribe, 0b0010);
    }

    private byte EncodeSubAck(MqttSubAckPacket p)
    {
        RequireId(p.PacketId, "SUBACK");
        if (p.ReturnCodes.Count == 0)
        {
            throw new MqttProtocolViolationException("SUBACK needs at least one return code");
        }

        _writer.WriteUInt16(p.PacketId);
        foreach (var code in p.ReturnCodes)
        {
            _writer.WriteByte((byte)code);
        }

        return Header(MqttPacketType.SubAck, 0);
    }

    private byte EncodeUnsubscribe(MqttUnsubscribePacket p)
    {
        RequireId(p.PacketId, "UNSUBSCRIBE");
        if (p.Filters.Count == 0)
        {
            throw new MqttProtocolViolationException("UNSUBSCRIBE needs at least one filter [MQTT-3.10.3-2]");
        }

        _writer.WriteUInt16(p.PacketId);
        foreach (var filter in p.Filters)
        {
            var problem = MqttTopic.FilterProblem(filter);
            if (problem is not null)
            {
                throw new MqttProtocolViolationException(problem);
            }

            _writer.WriteString(filter, "topic filter");
        }

        return Header(MqttPacketType.Unsubscribe, 0b0010);
    }
}
