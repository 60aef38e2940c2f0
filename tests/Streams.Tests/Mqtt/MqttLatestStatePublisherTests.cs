using System.Text;
using FluentAssertions;
using Serilog.Events;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

public sealed class MqttLatestStatePublisherTests
{
    private static readonly MqttConnectionState Up = new MqttConnectionState.Connected(false);
    private static readonly MqttConnectionState Down = new MqttConnectionState.Disconnected("broker away", TimeSpan.FromSeconds(1));

    private readonly RecordingMqttClient _client = new();

    [Fact]
    public void While_disconnected_only_the_newest_payload_per_topic_is_kept()
    {
        using var publisher = new MqttLatestStatePublisher(_client);

        publisher.Publish("bms/1/state", Utf8("52.1"));
        publisher.Publish("bms/1/state", Utf8("52.2"));
        publisher.Publish("bms/2/state", Utf8("51.0"));

        publisher.PendingCount.Should().Be(2);
        _client.Published.Should().BeEmpty();
    }

    [Fact]
    public void Reconnect_publishes_every_kept_topic_once_with_its_newest_payload()
    {
        using var publisher = new MqttLatestStatePublisher(_client);
        publisher.Publish("bms/1/state", Utf8("52.1"));
        publisher.Publish("bms/1/state", Utf8("52.2"));
        publisher.Publish("bms/2/state", Utf8("51.0"), retain: false);

        _client.SetState(Up);

        _client.Published.Should().BeEquivalentTo(new[]
        {
            ("bms/1/state", "52.2", MqttQualityOfService.AtLeastOnce, true),
            ("bms/2/state", "51.0", MqttQualityOfService.AtLeastOnce, false),
        });
        publisher.PendingCount.Should().Be(0);
    }

    [Fact]
    public void While_connected_states_go_out_at_once()
    {
        _client.SetState(Up);
        using var publisher = new MqttLatestStatePublisher(_client, MqttQualityOfService.AtMostOnce);

        publisher.Publish("bms/1/state", Utf8("a"));
        publisher.Publish("bms/1/state", Utf8("b"));

        _client.Published.Select(p => p.Payload).Should().Equal("a", "b");
        _client.Published.Should().OnlyContain(p => p.Qos == MqttQualityOfService.AtMostOnce);
    }

    [Fact]
    public async Task It_is_idle_only_once_every_message_handed_to_it_was_acknowledged()
    {
        _client.SetState(Up);
        _client.HoldAcknowledgements = true;
        using var publisher = new MqttLatestStatePublisher(_client);
        publisher.WhenIdleAsync().IsCompleted.Should().BeTrue("nothing was handed to it yet");

        publisher.Publish("bms/1/state", Utf8("a"));
        publisher.Publish("bms/1/state", Utf8("b"));
        publisher.Publish("bms/2/state", Utf8("c"));
        var idle = publisher.WhenIdleAsync();

        // "a" is in flight; "b" and "c" wait behind it (sent once "a" is acknowledged, maybe on another thread).
        idle.IsCompleted.Should().BeFalse();
        _client.Acknowledge().Should().BeTrue();
        idle.IsCompleted.Should().BeFalse("b and c are not acknowledged yet");
        await _client.AcknowledgeNextAsync();
        idle.IsCompleted.Should().BeFalse("c is not acknowledged yet");
        await _client.AcknowledgeNextAsync();

        await idle.WaitAsync(TimeSpan.FromSeconds(5));
        _client.Published.Select(p => p.Payload).Should().Equal("a", "b", "c");
        publisher.FailedCount.Should().Be(0);
    }

    [Fact]
    public async Task It_is_not_idle_while_a_message_waits_for_the_broker()
    {
        using var publisher = new MqttLatestStatePublisher(_client);

        publisher.Publish("bms/1/state", Utf8("waiting"));
        var idle = publisher.WhenIdleAsync();
        idle.IsCompleted.Should().BeFalse();
        _client.SetState(Up);

        await idle.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_publish_that_fails_for_lack_of_a_connection_is_kept_for_the_next_one()
    {
        _client.SetState(Up);
        using var publisher = new MqttLatestStatePublisher(_client);
        _client.FailNextPublish = new MqttNotConnectedException("dropped meanwhile");

        publisher.Publish("bms/1/state", Utf8("kept"));
        publisher.PendingCount.Should().Be(1);
        _client.SetState(Down);
        _client.SetState(Up);

        _client.Published.Select(p => p.Payload).Should().Equal("kept");
    }

    [Fact]
    public void A_failed_publish_never_overwrites_a_newer_payload()
    {
        _client.SetState(Up);
        using var publisher = new MqttLatestStatePublisher(_client);
        _client.FailNextPublish = new MqttNotConnectedException("dropped meanwhile");
        publisher.Publish("t", Utf8("old"));
        _client.SetState(Down);

        publisher.Publish("t", Utf8("new"));
        _client.SetState(Up);

        _client.Published.Select(p => p.Payload).Should().Equal("new");
    }

    [Fact]
    public void Buffer_is_bounded_by_topics_and_the_overflow_is_logged_once()
    {
        var log = new CollectingSink();
        using var publisher = new MqttLatestStatePublisher(_client, capacity: 2, logger: log.CreateLogger());

        publisher.Publish("a", Utf8("1"));
        publisher.Publish("b", Utf8("1"));
        publisher.Publish("c", Utf8("1"));
        publisher.Publish("d", Utf8("1"));
        publisher.Publish("a", Utf8("2"));

        publisher.PendingCount.Should().Be(2);
        publisher.DroppedCount.Should().Be(2);
        log.Messages(LogEventLevel.Warning).Should().ContainSingle().Which.Should().Contain("full");
        _client.SetState(Up);
        _client.Published.Select(p => $"{p.Topic}={p.Payload}").Should().BeEquivalentTo("a=2", "b=1");
    }

    [Fact]
    public void Invalid_topics_are_rejected_up_front()
    {
        using var publisher = new MqttLatestStatePublisher(_client);

        var act = () => publisher.Publish("bms/+/state", Utf8("x"));

        act.Should().Throw<ArgumentException>().WithMessage("*wildcard*");
    }

    [Fact]
    public void After_dispose_reconnects_publish_nothing()
    {
        var publisher = new MqttLatestStatePublisher(_client);
        publisher.Publish("t", Utf8("x"));

        publisher.Dispose();
        _client.SetState(Up);

        _client.Published.Should().BeEmpty();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
