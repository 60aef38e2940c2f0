using FluentAssertions;
using Streams.Mqtt.Formatter;
using Streams.Mqtt.Packets;
using Xunit;
using static Streams.Tests.Mqtt.MqttTestBytes;

namespace Streams.Tests.Mqtt;

public sealed class MqttPacketDecoderTests
{
    [Fact]
    public void Connack_refusals_decode_to_typed_return_codes()
    {
        for (byte code = 1; code <= 5; code++)
        {
            var packet = (MqttConnAckPacket)MqttPacketDecoder.Decode([0x20, 0x02, 0x00, code]);

            packet.ReturnCode.Should().Be((MqttConnectReturnCode)code);
            packet.SessionPresent.Should().BeFalse();
        }
    }

    [Fact]
    public void Publish_from_mosquitto_sub_debug_line_decodes_retained_flag()
    {
        // mqtt.md §1.2: "received PUBLISH (d0, q0, r1, m0, 'test/b', ... (8 bytes))".
        var packet = (MqttPublishPacket)MqttPacketDecoder.Decode(Hex("3110 0006 746573742F62 72657461696E6564"));

        packet.Topic.Should().Be("test/b");
        packet.Retain.Should().BeTrue();
        packet.Qos.Should().Be(MqttQualityOfService.AtMostOnce);
        packet.Payload.ToArray().Should().Equal("retained"u8.ToArray());
    }

    [Fact]
    public void Qos1_publish_keeps_dup_and_id()
    {
        var packet = (MqttPublishPacket)MqttPacketDecoder.Decode(Hex("3A07 0001 61 0007 6F6B"));

        packet.Dup.Should().BeTrue();
        packet.PacketId.Should().Be(7);
        packet.Qos.Should().Be(MqttQualityOfService.AtLeastOnce);
    }

    [Fact]
    public void Qos0_publish_with_dup_is_tolerated_on_input_and_dup_cleared()
    {
        // mosquitto and aedes accept it (mqtt.md §4); closing over it would gain nothing.
        var packet = (MqttPublishPacket)MqttPacketDecoder.Decode(Hex("3803 0001 61"));

        packet.Dup.Should().BeFalse();
    }

    [Fact]
    public void Decoded_payload_is_an_owned_copy()
    {
        var bytes = Hex("3004 0001 61 7A");
        var packet = (MqttPublishPacket)MqttPacketDecoder.Decode(bytes);

        bytes[5] = 0x00;

        packet.Payload.Span[0].Should().Be(0x7A);
    }

    [Fact]
    public void Non_minimal_remaining_length_is_accepted_as_all_peers_do()
    {
        // mqtt.md §4: 0x8C 0x00 kept the connection open on every broker.
        var packet = MqttPacketDecoder.Decode(Hex("C0 80 00"));

        packet.Should().Be(MqttPingReqPacket.Instance);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "30 00", "empty PUBLISH: no topic length", "ends early" },
        { "36 03 0001 61", "PUBLISH QoS 3", "QoS 3" },
        { "34 05 0001 61 0001", "PUBLISH QoS 2 (unsupported)", "QoS 2" },
        { "32 05 0001 61 0000", "QoS 1 PUBLISH with packet id 0", "packet id 0" },
        { "30 07 0005 626D732F2B", "PUBLISH to a wildcard topic", "wildcard" },
        { "30 02 0000", "PUBLISH with empty topic", "empty" },
        { "30 04 0002 C3 28", "topic with invalid UTF-8 (C3 28)", "UTF-8" },
        { "30 03 0001 00", "topic with U+0000", "U+0000" },
        { "30 05 0003 ED A0 80", "topic with encoded surrogate U+D800", "UTF-8" },
        { "C0 FF FF FF FF 01", "Remaining Length in a fifth byte", "fifth byte" },
        { "80 06 0001 0001 61 00", "SUBSCRIBE with flags 0000", "flags" },
        { "82 06 0001 0001 61 03", "SUBSCRIBE requested QoS 3", "QoS 3" },
        { "82 06 0001 0001 61 04", "SUBSCRIBE options reserved bits", "reserved" },
        { "82 02 0001", "SUBSCRIBE without a filter", "without a filter" },
        { "20 02 00 06", "CONNACK return code 6", "reserved" },
        { "20 02 02 00", "CONNACK reserved ack flag", "reserved" },
        { "20 02 01 05", "refusing CONNACK with session present", "SessionPresent" },
        { "20 03 00 00 00", "CONNACK with trailing byte", "trailing" },
        { "40 02 0000", "PUBACK id 0", "packet id 0" },
        { "40 03 0001 00", "PUBACK too long", "trailing" },
        { "C0 01 00", "PINGREQ with a body", "trailing" },
        { "C1 00", "PINGREQ with flags", "flags" },
        { "50 02 0001", "PUBREC (QoS 2 flow)", "QoS 2" },
        { "00 00", "reserved type 0", "reserved" },
        { "F0 00", "reserved type 15", "reserved" },
        { "90 02 0001", "SUBACK without return code", "without a return code" },
        { "90 03 0001 03", "SUBACK return code 3", "reserved" },
        { "10 0C 0004 4D515458 04 02 003C 0000", "protocol name MQTX", "MQTX" },
        { "10 0C 0004 4D515454 03 02 003C 0000", "protocol level 3", "level 3" },
        { "10 0C 0004 4D515454 04 03 003C 0000", "CONNECT reserved flag", "reserved flag" },
        { "10 0C 0004 4D515454 04 42 003C 0000", "password flag without user name", "password flag" },
        { "10 0C 0004 4D515454 04 22 003C 0000", "will retain without will flag", "without the will flag" },
        { "32 04 0001 61 00", "QoS 1 PUBLISH truncated in packet id", "ends early" },
        { "30 05 0001 61", "declared length longer than given", "truncated" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_throws_the_protocol_violation_with_a_reason(string hex, string what, string reason)
    {
        var act = () => MqttPacketDecoder.Decode(Hex(hex));

        act.Should().Throw<MqttProtocolViolationException>(what).Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void TryDecode_reports_an_error_value_instead_of_throwing()
    {
        var ok = MqttPacketDecoder.TryDecode(0x30, Hex("0001 2B"), out var packet, out var error);

        ok.Should().BeFalse();
        packet.Should().BeNull();
        error.Should().Contain("wildcard");
    }

    [Fact]
    public void Decode_rejects_bytes_beyond_the_declared_packet()
    {
        var act = () => MqttPacketDecoder.Decode(Hex("C000 C000"));

        act.Should().Throw<MqttProtocolViolationException>().WithMessage("*declares 2 byte(s) but 4*");
    }
}
