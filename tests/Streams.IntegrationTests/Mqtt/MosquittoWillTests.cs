using FluentAssertions;
using Streams.Mqtt;
using Xunit;
using static Streams.IntegrationTests.Mqtt.MosquittoRoundTripTests;
using static Streams.IntegrationTests.Mqtt.MqttTestClients;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>Last will and graceful shutdown (mqtt.md §5).</summary>
public sealed class MosquittoWillTests
{
    private const string StatusTopic = "bms/bridge/status";

    [Fact]
    public async Task Abrupt_close_makes_the_broker_publish_the_will()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var watcher = Create(Options(port, "watcher"));
        using var seen = new MessageLog(watcher.Messages);
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync(StatusTopic, MqttQualityOfService.AtLeastOnce);
        await using var bridge = Create(BridgeOptions(port));
        await bridge.ConnectAsync();
        await bridge.PublishAsync(StatusTopic, Utf8("online"), MqttQualityOfService.AtLeastOnce, retain: true);
        await seen.WaitForAsync(StatusTopic, "online");

        bridge.DropConnection("test: socket closed without DISCONNECT");

        var will = await seen.WaitForAsync(StatusTopic, "lost");
        will.Qos.Should().Be(MqttQualityOfService.AtLeastOnce);
    }

    [Fact]
    public async Task Graceful_shutdown_publishes_offline_then_disconnects_so_no_will_is_sent()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var watcher = Create(Options(port, "watcher"));
        using var seen = new MessageLog(watcher.Messages);
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync(StatusTopic, MqttQualityOfService.AtLeastOnce);
        var bridge = Create(BridgeOptions(port));
        await bridge.ConnectAsync();
        await bridge.PublishAsync(StatusTopic, Utf8("online"), MqttQualityOfService.AtLeastOnce, retain: true);
        await seen.WaitForAsync(StatusTopic, "online");

        await bridge.DisposeAsync();

        await seen.WaitForAsync(StatusTopic, "offline");
        await broker.WaitForLogAsync("Client bridge disconnected.");
        await using var late = Create(Options(port, "late"));
        using var lateSeen = new MessageLog(late.Messages);
        await late.ConnectAsync();
        await late.SubscribeAsync(StatusTopic, MqttQualityOfService.AtLeastOnce);
        var retained = await lateSeen.WaitForAsync(m => m.Topic == StatusTopic, "the retained status");
        retained.PayloadText.Should().Be("offline", "a will would have replaced the retained value with 'lost'");
        retained.Retain.Should().BeTrue();
        seen.Payloads(StatusTopic).Should().NotContain("lost");
        broker.CountLog("Received DISCONNECT from bridge").Should().Be(1);
        broker.AssertNoProtocolComplaints();
    }

    [Fact]
    public async Task Disposal_completes_the_state_stream_and_refuses_further_use()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var bridge = Create(BridgeOptions(broker.Port("plain")));
        await bridge.ConnectAsync();
        var completed = false;
        using var watch = bridge.States.Subscribe(_ => { }, () => completed = true);

        await bridge.DisposeAsync();

        completed.Should().BeTrue();
        var act = () => bridge.PublishAsync("x", default, MqttQualityOfService.AtMostOnce, retain: false);
        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    private static MqttClientOptions BridgeOptions(int port) => Options(port, "bridge") with
    {
        Will = new MqttWill(StatusTopic, Utf8("lost"), MqttQualityOfService.AtLeastOnce, Retain: true),
        ShutdownMessage = new MqttShutdownMessage(StatusTopic, Utf8("offline")),
    };
}
