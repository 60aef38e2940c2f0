using System.Text;
using FluentAssertions;
using Serilog.Events;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

/// <summary>One message the broker will not take never stops the others (issue 11 item 15).</summary>
public sealed class MqttMessageGuardTests
{
    private const string Big = "homeassistant/device/streams_pack1/config";
    private static readonly MqttConnectionState Up = new MqttConnectionState.Connected(false);

    private readonly RecordingMqttClient _client = new() { DropAbove = 1000 };
    private readonly CollectingSink _log = new();

    [Fact]
    public void A_message_the_broker_drops_the_connection_over_twice_is_set_aside_and_the_states_flow()
    {
        using var publisher = new MqttLatestStatePublisher(_client, logger: _log.CreateLogger());
        var rejected = new List<string>();
        using var _ = publisher.Rejected.Subscribe(rejected.Add);
        publisher.Publish(Big, new byte[5000]);
        publisher.Publish("streams/pack1/state", Utf8("{\"v\":1}"));

        _client.SetState(Up);
        _client.Published.Should().BeEmpty("the first drop takes everything sent behind the big message with it");

        _client.SetState(Up);
        _client.Published.Select(p => p.Topic).Should().Equal("streams/pack1/state");
        rejected.Should().Equal(Big);
        _log.Messages(LogEventLevel.Warning).Should().ContainSingle().Which.Should()
            .Contain(Big).And.Contain("5,000 bytes").And.Contain("twice").And.Contain("not sent again");

        _client.SetState(Up);
        publisher.Publish(Big, new byte[5000]);
        publisher.Publish("streams/pack1/state", Utf8("{\"v\":2}"));
        _client.Published.Select(p => p.Payload).Should().Equal("{\"v\":1}", "{\"v\":2}");
        publisher.PendingCount.Should().Be(0, "the same payload is not tried again");
    }

    [Fact]
    public void A_changed_payload_is_tried_again()
    {
        using var publisher = new MqttLatestStatePublisher(_client, logger: _log.CreateLogger());
        publisher.Publish(Big, new byte[5000]);
        _client.SetState(Up);
        _client.SetState(Up);

        publisher.Publish(Big, new byte[500]);
        _client.SetState(Up);

        _client.Published.Should().ContainSingle(p => p.Topic == Big);
    }

    [Fact]
    public void A_drop_that_was_not_its_fault_clears_the_suspicion()
    {
        using var publisher = new MqttLatestStatePublisher(_client, logger: _log.CreateLogger());
        _client.SetState(Up);
        _client.FailNextPublish = new MqttNotConnectedException("broker restarted");
        publisher.Publish("streams/pack1/state", Utf8("a"));

        _client.SetState(Up);
        _client.FailNextPublish = new MqttNotConnectedException("broker restarted again");
        publisher.Publish("streams/pack1/state", Utf8("b"));
        _client.SetState(Up);

        _client.Published.Select(p => p.Payload).Should().Equal("a", "b");
        _log.Messages(LogEventLevel.Warning).Should().BeEmpty();
    }

    [Fact]
    public void With_the_limit_of_an_MQTT_5_CONNACK_a_bigger_message_is_never_sent()
    {
        using var publisher = new MqttLatestStatePublisher(_client, logger: _log.CreateLogger());
        var rejected = new List<string>();
        using var _ = publisher.Rejected.Subscribe(rejected.Add);
        _client.SetState(new MqttConnectionState.Connected(false, MaximumPacketSize: 1000));

        publisher.Publish(Big, new byte[990]);
        publisher.Publish("streams/pack1/state", Utf8("{}"));

        _client.Published.Select(p => p.Topic).Should().Equal("streams/pack1/state");
        rejected.Should().Equal(Big);
        _log.Messages(LogEventLevel.Warning).Should().ContainSingle().Which.Should()
            .Contain(Big).And.Contain("1,039 bytes").And.Contain("1,000 the broker accepts");
    }

    [Fact]
    public void Packet_size_counts_header_topic_packet_id_properties_and_payload() =>
        MqttPacketSize.Publish("a/b", 100, MqttQualityOfService.AtLeastOnce).Should().Be(1 + 1 + 2 + 3 + 2 + 1 + 100);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
