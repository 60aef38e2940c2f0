using FluentAssertions;
using Streams.Mqtt.Formatter;
using Streams.Mqtt.Packets;
using Xunit;

namespace Streams.Tests.Mqtt;

/// <summary>What a client must never put on the wire (mqtt.md §8); every broker closes the connection on it (§4).</summary>
public sealed class MqttStrictEncodingTests
{
    public static TheoryData<string, string> BadTopics => new()
    {
        { string.Empty, "empty" },
        { "bms/+/x", "wildcard" },
        { "bms/#", "wildcard" },
        { "a\0b", "U+0000" },
        { new string('x', 65_536), "65535" },
        { new string('°', 32_768), "65535" }, // 65,536 UTF-8 bytes in 32,768 chars
    };

    [Theory]
    [MemberData(nameof(BadTopics))]
    public void Publish_with_an_invalid_topic_is_refused_before_sending(string topic, string reason)
    {
        var act = () => MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = topic });

        act.Should().Throw<MqttProtocolViolationException>().Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void Publish_with_a_lone_surrogate_is_refused_instead_of_becoming_U_FFFD()
    {
        // Built in code: xunit's theory serialisation would already have replaced the surrogate.
        var topic = "a" + (char)0xD800 + "b";

        var act = () => MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = topic });

        act.Should().Throw<MqttProtocolViolationException>().WithMessage("*lone surrogate*");
    }

    [Fact]
    public void Topic_of_exactly_65535_bytes_is_allowed()
    {
        var bytes = MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = new string('x', 65_535) });

        ((MqttPublishPacket)MqttPacketDecoder.Decode(bytes)).Topic.Length.Should().Be(65_535);
    }

    [Fact]
    public void Qos1_publish_with_packet_id_0_is_refused()
    {
        var act = () => MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = "t", Qos = MqttQualityOfService.AtLeastOnce, PacketId = 0 });

        act.Should().Throw<MqttProtocolViolationException>().WithMessage("*non-zero packet id*");
    }

    [Fact]
    public void Qos0_publish_with_dup_is_refused()
    {
        var act = () => MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = "t", Dup = true });

        act.Should().Throw<MqttProtocolViolationException>().WithMessage("*DUP*");
    }

    [Fact]
    public void Qos0_publish_with_a_packet_id_is_refused()
    {
        var act = () => MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = "t", PacketId = 3 });

        act.Should().Throw<MqttProtocolViolationException>();
    }

    [Fact]
    public void Password_without_user_name_is_refused()
    {
        var act = () => MqttPacketEncoder.EncodeToArray(new MqttConnectPacket { ClientId = "c", Password = new byte[] { 1 } });

        act.Should().Throw<MqttProtocolViolationException>().WithMessage("*user name*");
    }

    [Fact]
    public void Empty_client_id_needs_a_clean_session()
    {
        var act = () => MqttPacketEncoder.EncodeToArray(new MqttConnectPacket { ClientId = string.Empty, CleanSession = false });

        act.Should().Throw<MqttProtocolViolationException>().WithMessage("*CleanSession*");
        MqttPacketEncoder.EncodeToArray(new MqttConnectPacket { ClientId = string.Empty, CleanSession = true }).Should().NotBeEmpty();
    }

    [Fact]
    public void Will_topic_with_wildcard_is_refused()
    {
        var act = () => MqttPacketEncoder.EncodeToArray(new MqttConnectPacket
        {
            ClientId = "c",
            Will = new MqttWill("bms/#", default, MqttQualityOfService.AtMostOnce, Retain: false),
        });

        act.Should().Throw<MqttProtocolViolationException>().WithMessage("will:*wildcard*");
    }

    [Fact]
    public void Qos2_is_refused_everywhere_this_client_could_send_it()
    {
        var qos2 = (MqttQualityOfService)2;

        FluentActions.Invoking(() => MqttPacketEncoder.EncodeToArray(new MqttPublishPacket { Topic = "t", Qos = qos2, PacketId = 1 }))
            .Should().Throw<MqttProtocolViolationException>();
        FluentActions.Invoking(() => MqttPacketEncoder.EncodeToArray(new MqttSubscribePacket(1, [new MqttTopicSubscription("t", qos2)])))
            .Should().Throw<MqttProtocolViolationException>();
    }

    [Theory]
    [InlineData("a/#/b")]
    [InlineData("a/b#")]
    [InlineData("a+/b")]
    [InlineData("")]
    public void Subscribe_with_an_invalid_filter_is_refused(string filter)
    {
        var act = () => MqttPacketEncoder.EncodeToArray(new MqttSubscribePacket(1, [new MqttTopicSubscription(filter, MqttQualityOfService.AtMostOnce)]));

        act.Should().Throw<MqttProtocolViolationException>();
    }

    [Fact]
    public void Subscribe_and_unsubscribe_need_at_least_one_filter_and_an_id()
    {
        FluentActions.Invoking(() => MqttPacketEncoder.EncodeToArray(new MqttSubscribePacket(1, [])))
            .Should().Throw<MqttProtocolViolationException>();
        FluentActions.Invoking(() => MqttPacketEncoder.EncodeToArray(new MqttUnsubscribePacket(1, [])))
            .Should().Throw<MqttProtocolViolationException>();
        FluentActions.Invoking(() => MqttPacketEncoder.EncodeToArray(new MqttPubAckPacket(0)))
            .Should().Throw<MqttProtocolViolationException>();
    }
}
