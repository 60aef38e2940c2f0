using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline.Formatter;

/// <summary>
/// Decodes one whole packet. Any input that is not a valid MQTT 3.1.1 packet this client speaks
/// throws <see cref="MqttProtocolViolationException"/> and nothing else; the caller closes the
/// connection. Payloads are copied, so a decoded packet owns its bytes.
/// </summary>
public static class MqttPacketDecoder
{
    /// <summary>Decodes exactly one packet that fills <paramref name="packet"/> (fixed header included).</summary>
    public static MqttPacket Decode(ReadOnlySpan<byte> packet)
    {
        var status = MqttFramer.TryReadFrame(packet, out var frame);
        return status switch
        {
            MqttFrameStatus.Malformed => throw new MqttProtocolViolationException("Remaining Length runs into a fifth byte"),
            MqttFrameStatus.NeedMoreData => throw new MqttProtocolViolationException($"packet is truncated: {packet.Length} byte(s)"),
            _ when frame.TotalLength != packet.Length => throw new MqttProtocolViolationException(
                $"packet declares {frame.TotalLength} byte(s) but {packet.Length} were given"),
            _ => Decode(frame.FirstByte, packet.Slice(frame.HeaderLength, frame.RemainingLength)),
        };
    }

    /// <summary>Decodes a packet from its first header byte and its body (the Remaining Length bytes).</summary>
    public static MqttPacket Decode(byte firstByte, ReadOnlySpan<byte> body)
    {
        var header = new MqttPacketTypeAndFlags(firstByte);
        if (header.Type != MqttPacketType.Publish)
        {
            var expected = header.Type is MqttPacketType.Subscribe or MqttPacketType.Unsubscribe or MqttPacketType.PubRel ? 0b0010 : 0;
            if (header.Flags != expected)
            {
                throw new MqttProtocolViolationException(
                    $"{header.Type} has fixed-header flags {header.Flags:b4}, expected {expected:b4} [MQTT-2.2.2-2]");
            }
        }

        var reader = new MqttBufferReader(body);
        return header.Type switch
        {
            MqttPacketType.Connect => DecodeConnect(ref reader),
            MqttPacketType.ConnAck => DecodeConnAck(ref reader),
            MqttPacketType.Publish => DecodePublish(header.Flags, ref reader),
            MqttPacketType.PubAck => new MqttPubAckPacket(ReadIdAndEnd(ref reader, "PUBACK")),
            MqttPacketType.Subscribe => DecodeSubscribe(ref reader),
            MqttPacketType.SubAck => DecodeSubAck(ref reader),
            MqttPacketType.Unsubscribe => DecodeUnsubscribe(ref reader),
            MqttPacketType.UnsubAck => new MqttUnsubAckPacket(ReadIdAndEnd(ref reader, "UNSUBACK")),
            MqttPacketType.PingReq => Empty(ref reader, MqttPingReqPacket.Instance),
            MqttPacketType.PingResp => Empty(ref reader, MqttPingRespPacket.Instance),
            MqttPacketType.Disconnect => Empty(ref reader, MqttDisconnectPacket.Instance),
            MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp =>
                throw new MqttProtocolViolationException($"{header.Type} belongs to QoS 2, which this client never requests"),
            _ => throw new MqttProtocolViolationException($"packet type {(int)header.Type} is reserved"),
        };
    }

    /// <summary>
    /// Error-value form of <see cref="Decode(byte, ReadOnlySpan{byte})"/> for the read loop:
    /// false with a one-line reason instead of an exception.
    /// </summary>
    public static bool TryDecode(byte firstByte, ReadOnlySpan<byte> body, out MqttPacket? packet, out string? error)
    {
        try
        {
            packet = Decode(firstByte, body);
            error = null;
            return true;
        }
        catch (MqttProtocolViolationException e)
        {
            packet = null;
            error = e.Message;
            return false;
        }
    }

    private static MqttPacket Empty(ref MqttBufferReader reader, MqttPacket packet)
    {
        reader.ExpectEnd(packet.Type.ToString().ToUpperInvariant());
        return packet;
    }

    private static ushort ReadId(ref MqttBufferReader reader, string packet)
    {
        var id = reader.ReadUInt16();
        return id != 0 ? id : throw new MqttProtocolViolationException($"{packet} has packet id 0 [MQTT-2.3.1-1]");
    }

    private static ushort ReadIdAndEnd(ref MqttBufferReader reader, string packet)
    {
        var id = ReadId(ref reader, packet);
        reader.ExpectEnd(packet);
        return id;
    }

    private static MqttQualityOfService ToQos(int bits, string what) => bits switch
    {
        0 => MqttQualityOfService.AtMostOnce,
        1 => MqttQualityOfService.AtLeastOnce,
        2 => throw new MqttProtocolViolationException($"{what} QoS 2 is not supported by this client"),
        _ => throw new MqttProtocolViolationException($"{what} QoS 3 is invalid"),
    };

    private static MqttConnectPacket DecodeConnect(ref MqttBufferReader reader)
    {
        var name = reader.ReadString("protocol name");
        if (name != "MQTT")
        {
            throw new MqttProtocolViolationException($"protocol name is '{name}', expected 'MQTT'");
        }

        var level = reader.ReadByte();
        if (level != 4)
        {
            throw new MqttProtocolViolationException($"protocol level {level} is not 4 (MQTT 3.1.1)");
        }

        var flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            throw new MqttProtocolViolationException("CONNECT reserved flag is set [MQTT-3.1.2-3]");
        }

        var hasWill = (flags & 0x04) != 0;
        var willQosBits = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        var hasPassword = (flags & 0x40) != 0;
        var hasUsername = (flags & 0x80) != 0;
        if (!hasWill && (willQosBits != 0 || willRetain))
        {
            throw new MqttProtocolViolationException("will QoS/retain set without the will flag [MQTT-3.1.2-13/15]");
        }

        if (hasPassword && !hasUsername)
        {
            throw new MqttProtocolViolationException("password flag without user name flag [MQTT-3.1.2-22]");
        }

        var keepAlive = reader.ReadUInt16();
        var clientId = reader.ReadString("client id");
        MqttWill? will = null;
        if (hasWill)
        {
            var qos = ToQos(willQosBits, "will");
            var topic = reader.ReadString("will topic");
            var problem = MqttTopic.NameProblem(topic);
            if (problem is not null)
            {
                throw new MqttProtocolViolationException($"will: {problem}");
            }

            will = new MqttWill(topic, reader.ReadBinary("will payload"), qos, willRetain);
        }

        var username = hasUsername ? reader.ReadString("user name") : null;
        var password = hasPassword ? reader.ReadBinary("password") : null;
        reader.ExpectEnd("CONNECT");
        return new MqttConnectPacket
        {
            ClientId = clientId,
            CleanSession = (flags & 0x02) != 0,
            KeepAliveSeconds = keepAlive,
            Will = will,
            Username = username,
            Password = password,
        };
    }

    private static MqttConnAckPacket DecodeConnAck(ref MqttBufferReader reader)
    {
        var ackFlags = reader.ReadByte();
        if ((ackFlags & 0xFE) != 0)
        {
            throw new MqttProtocolViolationException($"CONNACK acknowledge flags 0x{ackFlags:X2} use reserved bits [MQTT-3.2.2-1]");
        }

        var code = reader.ReadByte();
        reader.ExpectEnd("CONNACK");
        if (code > (byte)MqttConnectReturnCode.NotAuthorized)
        {
            throw new MqttProtocolViolationException($"CONNACK return code {code} is reserved");
        }

        var sessionPresent = (ackFlags & 0x01) != 0;
        if (sessionPresent && code != 0)
        {
            throw new MqttProtocolViolationException("a refusing CONNACK has SessionPresent=1 [MQTT-3.2.2-4]");
        }

        return new MqttConnAckPacket(sessionPresent, (MqttConnectReturnCode)code);
    }

    private static MqttPublishPacket DecodePublish(int flags, ref MqttBufferReader reader)
    {
        var qos = ToQos((flags >> 1) & 0x03, "PUBLISH");
        var topic = reader.ReadString("topic name");
        var problem = MqttTopic.NameProblem(topic);
        if (problem is not null)
        {
            throw new MqttProtocolViolationException(problem);
        }

        var packetId = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : ReadId(ref reader, "QoS 1 PUBLISH");

        // DUP on a QoS 0 message breaks [MQTT-3.3.1-2], but mosquitto and aedes accept it; a
        // receiver gains nothing by dropping the connection over it, so it is tolerated and cleared.
        var dup = qos != MqttQualityOfService.AtMostOnce && (flags & 0x08) != 0;
        return new MqttPublishPacket
        {
            Topic = topic,
            PacketId = packetId,
            Qos = qos,
            Dup = dup,
            Retain = (flags & 0x01) != 0,
            Payload = reader.ReadRest(),
        };
    }

    private static MqttSubscribePacket DecodeSubscribe(ref MqttBufferReader reader)
    {
        var id = ReadId(ref reader, "SUBSCRIBE");
        var subscriptions = new List<MqttTopicSubscription>();
        while (!reader.EndOfData)
        {
            var filter = reader.ReadString("topic filter");
            var problem = MqttTopic.FilterProblem(filter);
            if (problem is not null)
            {
                throw new MqttProtocolViolationException(problem);
            }

            var options = reader.ReadByte();
            if ((options & 0xFC) != 0)
            {
                throw new MqttProtocolViolationException($"SUBSCRIBE options byte 0x{options:X2} uses reserved bits [MQTT-3.8.3-4]");
            }

            subscriptions.Add(new MqttTopicSubscription(filter, ToQos(options, "SUBSCRIBE")));
        }

        if (subscriptions.Count == 0)
        {
            throw new MqttProtocolViolationException("SUBSCRIBE without a filter [MQTT-3.8.3-3]");
        }

        return new MqttSubscribePacket(id, subscriptions);
    }

    private static MqttSubAckPacket DecodeSubAck(ref MqttBufferReader reader)
    {
        var id = ReadId(ref reader, "SUBACK");
        var codes = new List<MqttSubscribeReturnCode>();
        while (!reader.EndOfData)
        {
            var code = reader.ReadByte();
            if (code is not (0x00 or 0x01 or 0x02 or 0x80))
            {
                throw new MqttProtocolViolationException($"SUBACK return code 0x{code:X2} is reserved [MQTT-3.9.3-2]");
            }

            codes.Add((MqttSubscribeReturnCode)code);
        }

        if (codes.Count == 0)
        {
            throw new MqttProtocolViolationException("SUBACK without a return code");
        }

        return new MqttSubAckPacket(id, codes);
    }

    private static MqttUnsubscribePacket DecodeUnsubscribe(ref MqttBufferReader reader)
    {
        var id = ReadId(ref reader, "UNSUBSCRIBE");
        var filters = new List<string>();
        while (!reader.EndOfData)
        {
            var filter = reader.ReadString("topic filter");
            var problem = MqttTopic.FilterProblem(filter);
            if (problem is not null)
            {
                throw new MqttProtocolViolationException(problem);
            }

            filters.Add(filter);
        }

        if (filters.Count == 0)
        {
            throw new MqttProtocolViolationException("UNSUBSCRIBE without a filter [MQTT-3.10.3-2]");
        }

        return new MqttUnsubscribePacket(id, filters);
    }
}
