using FluentAssertions;
using Streams.Mqtt;
using Streams.Sinks;
using Streams.Tests.Mqtt;
using Xunit;

namespace Streams.Tests.HomeAssistant;

public class MqttMessageSinkTests
{
    [Fact]
    public async Task Publishes_at_qos_1_with_the_message_retain_flag()
    {
        var client = new RecordingMqttClient();
        client.SetState(new MqttConnectionState.Connected(false));
        using var sink = new MqttMessageSink(client, Serilog.Core.Logger.None);

        sink.Publish(new OutboundMessage("streams/pack1/state", "{}", Retain: true));
        sink.Publish(new OutboundMessage("homeassistant/sensor/x/y/config", """{"migrate_discovery":true}""", Retain: false));
        SpinWait.SpinUntil(() => client.Published.Count >= 2, TimeSpan.FromSeconds(5));

        client.Published.Should().Equal(
            ("streams/pack1/state", "{}", MqttQualityOfService.AtLeastOnce, true),
            ("homeassistant/sensor/x/y/config", """{"migrate_discovery":true}""", MqttQualityOfService.AtLeastOnce, false));
    }

    [Fact]
    public async Task While_disconnected_only_the_latest_payload_per_topic_waits()
    {
        var client = new RecordingMqttClient();
        using var sink = new MqttMessageSink(client, Serilog.Core.Logger.None);

        for (var i = 0; i < 100; i++)
        {
            sink.Publish(new OutboundMessage("streams/pack1/state", $"{{\"n\":{i}}}", Retain: true));
        }

        sink.PendingCount.Should().Be(1);
        client.SetState(new MqttConnectionState.Connected(false));
        SpinWait.SpinUntil(() => client.Published.Count >= 1, TimeSpan.FromSeconds(5));
        client.Published.Should().ContainSingle().Which.Payload.Should().Be("{\"n\":99}");
    }

    [Fact]
    public void An_invalid_topic_is_logged_not_thrown()
    {
        using var sink = new MqttMessageSink(new RecordingMqttClient(), Serilog.Core.Logger.None);

        sink.Invoking(s => s.Publish(new OutboundMessage("streams/#/state", "{}", Retain: true))).Should().NotThrow();
    }
}
