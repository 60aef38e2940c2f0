using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using FluentAssertions;
using Streams.Mqtt;
using Xunit;
using static Streams.IntegrationTests.Mqtt.MosquittoRoundTripTests;
using static Streams.IntegrationTests.Mqtt.MqttTestClients;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>Broker restarts, a frozen broker (half-open connection) and keep-alive against a real mosquitto.</summary>
public sealed class MosquittoResilienceTests
{
    [Fact]
    public async Task After_a_broker_restart_the_client_reconnects_and_delivers_the_latest_state_only()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var watcher = Create(Options(port, "watcher"));
        using var seen = new MessageLog(watcher.Messages);
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync("bms/#", MqttQualityOfService.AtLeastOnce);
        await using var bridge = Create(Options(port, "bridge"));
        var connects = 0;
        using var counting = bridge.Connected.Subscribe(_ => Interlocked.Increment(ref connects));
        await bridge.ConnectAsync();
        using var states = new MqttLatestStatePublisher(bridge);
        states.Publish("bms/pack1/soc", Utf8("80"));
        await seen.WaitForAsync("bms/pack1/soc", "80");

        await broker.StopAsync();
        await bridge.WaitForStateAsync<MqttConnectionState.Disconnected>();
        states.Publish("bms/pack1/soc", Utf8("79"));
        states.Publish("bms/pack1/soc", Utf8("78"));
        states.Publish("bms/pack1/soc", Utf8("77"));
        states.PendingCount.Should().Be(1, "only the newest value per topic is kept while the broker is away");
        await broker.RestartAsync();

        await seen.WaitForAsync("bms/pack1/soc", "77", TimeSpan.FromSeconds(15));
        seen.Payloads("bms/pack1/soc").Should().NotContain(["79", "78"]);
        Volatile.Read(ref connects).Should().Be(2, "every (re)connect raises one Connected event for re-publishing discovery");
        broker.AssertNoProtocolComplaints();
    }

    [Fact]
    public async Task Subscriptions_are_renewed_after_a_broker_restart()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var listener = Create(Options(port, "listener"));
        using var seen = new MessageLog(listener.Messages);
        await listener.ConnectAsync();
        await listener.SubscribeAsync("homeassistant/status", MqttQualityOfService.AtLeastOnce);

        await broker.StopAsync();
        await listener.WaitForStateAsync<MqttConnectionState.Disconnected>();
        var reconnected = listener.States.OfType<MqttConnectionState.Connected>().FirstAsync().ToTask();
        await broker.RestartAsync();
        await reconnected.WaitAsync(TimeSpan.FromSeconds(15));
        await using var ha = Create(Options(port, "ha"));
        await ha.ConnectAsync();
        await ha.PublishAsync("homeassistant/status", Utf8("online"), MqttQualityOfService.AtLeastOnce, retain: false);

        await seen.WaitForAsync("homeassistant/status", "online");
    }

    [Fact]
    public async Task Frozen_broker_is_noticed_by_the_unanswered_ping_and_the_latest_state_arrives_after_it_thaws()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var watcher = Create(Options(port, "watcher"));
        using var seen = new MessageLog(watcher.Messages);
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync("bms/#", MqttQualityOfService.AtLeastOnce);
        // Keep-alive 2 s: a ping every second, each given a second (the default 20 s is pinned by
        // marbles/mqtt/dead-link-frozen-broker.marble; here the real broker and socket matter).
        await using var bridge = Create(Options(port, "bridge") with { KeepAlive = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(2) });
        await bridge.ConnectAsync();
        using var states = new MqttLatestStatePublisher(bridge);
        var dropped = bridge.States.OfType<MqttConnectionState.Disconnected>().FirstAsync().ToTask();

        await broker.FreezeAsync();
        states.Publish("bms/pack1/alarm", Utf8("overvoltage"));
        var lost = await dropped.WaitAsync(TimeSpan.FromSeconds(10));
        lost.Reason.Should().Contain("PINGREQ");
        var reconnected = bridge.States.OfType<MqttConnectionState.Connected>().FirstAsync().ToTask();
        await broker.ThawAsync();

        await reconnected.WaitAsync(TimeSpan.FromSeconds(15));
        var alarm = await seen.WaitForAsync("bms/pack1/alarm", "overvoltage", TimeSpan.FromSeconds(20));
        alarm.Should().NotBeNull();
        states.PendingCount.Should().Be(0);
        broker.AssertNoProtocolComplaints();
    }

    [Fact]
    public async Task Idle_client_pings_within_the_keep_alive_and_stays_connected()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        await using var client = Create(Options(broker.Port("plain"), "idle") with { KeepAlive = TimeSpan.FromSeconds(2) });
        var left = false;
        await client.ConnectAsync();
        using var watch = client.States.Skip(1).Subscribe(_ => left = true);

        await broker.WaitForLogAsync(l => l.Contains("Received PINGREQ from idle", StringComparison.Ordinal) && broker.CountLog("Received PINGREQ from idle") >= 3, "three PINGREQs", TimeSpan.FromSeconds(10));

        broker.CountLog("Sending PINGRESP to idle").Should().BeGreaterThanOrEqualTo(2);
        left.Should().BeFalse("the broker never timed the client out");
        broker.CountLog("has exceeded timeout").Should().Be(0);
    }
}
