using FluentAssertions;
using Streams.Mqtt;
using Streams.Sinks;
using Streams.Tests.Mqtt;
using Xunit;

namespace Streams.Tests.Sinks;

/// <summary>The broker sink over a client that completes at once: publishes and flushes happen inside the call, no waiting.</summary>
public class MqttMessageSinkTests
{
    [Fact]
    public void Publishes_at_qos_1_with_the_message_retain_flag()
    {
        var client = new RecordingMqttClient();
        client.SetState(new MqttConnectionState.Connected(false));
        using var sink = new MqttMessageSink(client, Serilog.Core.Logger.None);

        sink.Publish(new OutboundMessage("streams/pack1/state", "{}", retain: true));
        sink.Publish(new OutboundMessage("homeassistant/sensor/x/y/config", """{"migrate_discovery":true}""", retain: false));

        client.Published.Should().Equal(
            ("streams/pack1/state", "{}", MqttQualityOfService.AtLeastOnce, true),
            ("homeassistant/sensor/x/y/config", """{"migrate_discovery":true}""", MqttQualityOfService.AtLeastOnce, false));
    }

    [Fact]
    public void While_disconnected_only_the_latest_payload_per_topic_waits()
    {
        var client = new RecordingMqttClient();
        using var sink = new MqttMessageSink(client, Serilog.Core.Logger.None);

        for (var i = 0; i < 100; i++)
        {
            sink.Publish(new OutboundMessage("streams/pack1/state", $"{{\"n\":{i}}}", retain: true));
        }

        sink.PendingCount.Should().Be(1);
        client.SetState(new MqttConnectionState.Connected(false));

        client.Published.Should().ContainSingle().Which.Payload.Should().Be("{\"n\":99}");
    }

    [Fact]
    public void An_invalid_topic_is_logged_not_thrown()
    {
        var log = new CollectingSink();
        using var sink = new MqttMessageSink(new RecordingMqttClient(), log.CreateLogger());

        sink.Invoking(s => s.Publish(new OutboundMessage("streams/#/state", "{}", retain: true))).Should().NotThrow();
        log.Messages(Serilog.Events.LogEventLevel.Error).Should().ContainSingle().Which.Should().Contain("streams/#/state");
    }
}
