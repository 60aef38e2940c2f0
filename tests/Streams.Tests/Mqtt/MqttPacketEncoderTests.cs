using FluentAssertions;
using Streams.Mqtt.Formatter;
using Streams.Mqtt.Packets;
using Xunit;
using static Streams.Tests.Mqtt.MqttTestBytes;

namespace Streams.Tests.Mqtt;

/// <summary>Byte-exact encodings, checked against the examples and layouts of OASIS MQTT 3.1.1.</summary>
public sealed class MqttPacketEncoderTests
{
    [Fact]
    public void Connect_minimal_matches_spec_layout()
    {
        // §3.1.2: 00 04 'MQTT', level 4, flags 0x02 (clean session), keep-alive 60; payload: client id "a".
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttConnectPacket { ClientId = "a", KeepAliveSeconds = 60 });

        ToHex(bytes).Should().Be("100D00044D5154540402003C000161");
    }

    [Fact]
    public void Connect_with_will_credentials_sets_flags_0xEE_and_orders_payload_fields()
    {
        // Flags: user name 0x80 | password 0x40 | will retain 0x20 | will QoS 1 0x08 | will 0x04 | clean 0x02 = 0xEE (§3.1.2.3).
        var packet = new MqttConnectPacket
        {
            ClientId = "id",
            KeepAliveSeconds = 10,
            Will = new MqttWill("s", "x"u8.ToArray(), MqttQualityOfService.AtLeastOnce, Retain: true),
            Username = "u",
            Password = "p"u8.ToArray(),
        };

        var bytes = MqttPacketEncoder.EncodeToArray(packet);

        ToHex(bytes).Should().Be("101A" + "00044D515454" + "04" + "EE" + "000A" + "00026964" + "000173" + "000178" + "000175" + "000170");
    }

    [Fact]
    public void Publish_qos1_matches_spec_example_topic_a_b_packet_id_10()
    {
        // §3.3.2.3 example: topic "a/b", packet identifier 10.
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttPublishPacket
        {
            Topic = "a/b",
            Qos = MqttQualityOfService.AtLeastOnce,
            PacketId = 10,
            Payload = "hi"u8.ToArray(),
        });

        ToHex(bytes).Should().Be("3209" + "0003612F62" + "000A" + "6869");
    }

    [Fact]
    public void Publish_flags_carry_dup_qos_and_retain()
    {
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttPublishPacket
        {
            Topic = "t",
            Qos = MqttQualityOfService.AtLeastOnce,
            PacketId = 1,
            Dup = true,
            Retain = true,
        });

        bytes[0].Should().Be(0x3B, "0011 1011: PUBLISH, DUP, QoS 1, RETAIN");
    }

    [Fact]
    public void Publish_qos0_has_no_packet_id()
    {
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = "a", Payload = "z"u8.ToArray() });

        ToHex(bytes).Should().Be("3004" + "000161" + "7A");
    }

    [Fact]
    public void Subscribe_uses_flags_0010_and_spec_example_layout()
    {
        // §3.8.2 / §3.8.3: packet id 10, "a/b" QoS 1.
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttSubscribePacket(10, [new MqttTopicSubscription("a/b", MqttQualityOfService.AtLeastOnce)]));

        ToHex(bytes).Should().Be("8208" + "000A" + "0003612F62" + "01");
    }

    [Fact]
    public void Unsubscribe_uses_flags_0010()
    {
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttUnsubscribePacket(10, ["a/b"]));

        ToHex(bytes).Should().Be("A207" + "000A" + "0003612F62");
    }

    [Theory]
    [InlineData("ping", "C000")]
    [InlineData("pong", "D000")]
    [InlineData("bye", "E000")]
    [InlineData("puback", "4002000A")]
    [InlineData("unsuback", "B002000A")]
    [InlineData("connack", "20020100")]
    [InlineData("suback", "9004000A0180")]
    public void Small_packets_match_their_fixed_layout(string which, string expected)
    {
        MqttPacket packet = which switch
        {
            "ping" => MqttPingReqPacket.Instance,
            "pong" => MqttPingRespPacket.Instance,
            "bye" => MqttDisconnectPacket.Instance,
            "puback" => new MqttPubAckPacket(10),
            "unsuback" => new MqttUnsubAckPacket(10),
            "connack" => new MqttConnAckPacket(SessionPresent: true, MqttConnectReturnCode.Accepted),
            _ => new MqttSubAckPacket(10, [MqttSubscribeReturnCode.GrantedQos1, MqttSubscribeReturnCode.Failure]),
        };

        ToHex(MqttPacketEncoder.EncodeToArray(packet)).Should().Be(expected);
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(127, "7F")]
    [InlineData(128, "8001")]
    [InlineData(16_383, "FF7F")]
    [InlineData(16_384, "808001")]
    [InlineData(2_097_151, "FFFF7F")]
    [InlineData(2_097_152, "80808001")]
    [InlineData(268_435_455, "FFFFFF7F")]
    public void Remaining_length_is_encoded_minimally_as_in_spec_table_2_4(int value, string expected)
    {
        Span<byte> buffer = stackalloc byte[4];
        var count = MqttRemainingLength.Encode(value, buffer);

        ToHex(buffer[..count]).Should().Be(expected);
        MqttRemainingLength.SizeOf(value).Should().Be(count);
    }

    [Fact]
    public void Payload_of_200_bytes_gets_a_two_byte_remaining_length()
    {
        var payload = new byte[200];
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = "t", Payload = payload });

        // 2 + 1 topic bytes + 200 payload = 203 = 0xCB 0x01.
        ToHex(bytes.AsSpan(0, 3)).Should().Be("30CB01");
        bytes.Length.Should().Be(206);
    }

    [Fact]
    public void Utf8_strings_count_bytes_not_chars()
    {
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = "°C" });

        // "°C" is C2 B0 43: three bytes, two chars.
        ToHex(bytes).Should().Be("3005" + "0003C2B043");
    }

    [Fact]
    public void Byte_order_mark_in_a_topic_is_kept()
    {
        var topic = "\uFEFFa";
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = topic });

        ToHex(bytes).Should().Be("3006" + "0004EFBBBF61", "U+FEFF must not be stripped [MQTT-1.5.3-3]");
        ((MqttPublishPacket)MqttPacketDecoder.Decode(bytes)).Topic.Should().Be(topic);
    }

    [Fact]
    public void Encoder_reuses_its_buffer_between_packets()
    {
        var writer = new MqttBufferWriter(initialCapacity: 64);
        var encoder = new MqttPacketEncoder(writer);

        var first = encoder.Encode(new MqttPublishPacket { Topic = "a", Payload = new byte[10] }).ToArray();
        var capacity = writer.Capacity;
        var second = encoder.Encode(new MqttPublishPacket { Topic = "b", Payload = new byte[10] }).ToArray();

        writer.Capacity.Should().Be(capacity);
        first[4].Should().Be((byte)'a');
        second[4].Should().Be((byte)'b');
    }

    [Fact]
    public void Buffer_shrinks_back_after_an_unusually_large_packet()
    {
        var writer = new MqttBufferWriter(initialCapacity: 64, retainedCapacity: 1024);
        var encoder = new MqttPacketEncoder(writer);

        encoder.Encode(new MqttPublishPacket { Topic = "big", Payload = new byte[100_000] });
        writer.Capacity.Should().BeGreaterThan(100_000);
        encoder.Encode(MqttPingReqPacket.Instance);

        writer.Capacity.Should().Be(1024);
    }

    [Fact]
    public void Password_is_binary_and_may_hold_any_bytes()
    {
        var packet = new MqttConnectPacket { ClientId = "c", Username = "u", Password = new byte[] { 0x00, 0xFF } };

        var decoded = (MqttConnectPacket)MqttPacketDecoder.Decode(MqttPacketEncoder.EncodeToArray(packet));

        decoded.Password.Should().Equal(0x00, 0xFF);
    }
}
