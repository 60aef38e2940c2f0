using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using FluentAssertions;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Streams.Mqtt;
using Xunit;
using static Streams.IntegrationTests.Mqtt.MosquittoRoundTripTests;
using static Streams.IntegrationTests.Mqtt.MqttTestClients;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>Password file and ACL (mqtt.md §1.4–1.5).</summary>
public sealed class MosquittoAuthTests
{
    private static readonly MosquittoListener Auth = new("auth") { Anonymous = false, Passwords = true };

    [Fact]
    public async Task Acl_lets_allowed_topics_through_and_denied_ones_never_arrive()
    {
        await using var broker = await MosquittoBroker.StartAsync(Auth);
        var port = broker.Port("auth");
        await using var ha = Create(Options(port, "ha") with { Username = MosquittoBroker.HaUser, Password = MosquittoBroker.HaPassword });
        using var seen = new MessageLog(ha.Messages);
        await ha.ConnectAsync();
        await ha.SubscribeAsync("#", MqttQualityOfService.AtLeastOnce);
        await using var bridge = Create(Options(port, "bridge") with { Username = MosquittoBroker.BridgeUser, Password = MosquittoBroker.BridgePassword });
        await bridge.ConnectAsync();
        using var states = new MqttLatestStatePublisher(bridge);

        // mosquitto 2.0.11 acknowledges a denied QoS 1 publish and then drops the connection
        // ("Bad socket read/write"); what was not yet acknowledged waits in the latest-state
        // buffer and goes out after the reconnect.
        states.Publish("other/x", Utf8("denied"));
        states.Publish("bms/pack1/state", Utf8("allowed"));

        // Same publisher, same QoS: mosquitto keeps the order, so once "allowed" is here the denied
        // message would have arrived before it. No sleep needed to prove its absence.
        await seen.WaitForAsync("bms/pack1/state", "allowed");
        seen.Payloads("other/x").Should().BeEmpty();
        await broker.WaitForLogAsync("Denied PUBLISH from bridge");
        broker.AssertNoProtocolComplaints();
    }

    [Fact]
    public async Task Acl_denied_subscription_is_granted_but_delivers_nothing()
    {
        await using var broker = await MosquittoBroker.StartAsync(Auth);
        var port = broker.Port("auth");
        await using var bridge = Create(Options(port, "bridge") with { Username = MosquittoBroker.BridgeUser, Password = MosquittoBroker.BridgePassword });
        using var seen = new MessageLog(bridge.Messages);
        await bridge.ConnectAsync();
        await using var ha = Create(Options(port, "ha") with { Username = MosquittoBroker.HaUser, Password = MosquittoBroker.HaPassword });
        await ha.ConnectAsync();

        (await bridge.SubscribeAsync("other/#", MqttQualityOfService.AtLeastOnce)).Should().Be(MqttSubscribeReturnCode.GrantedQos1, "mosquitto 2.0 grants ACL-denied subscriptions (mqtt.md §1.5)");
        await bridge.SubscribeAsync("homeassistant/status", MqttQualityOfService.AtLeastOnce);
        await ha.PublishAsync("other/x", Utf8("secret"), MqttQualityOfService.AtLeastOnce, retain: false);
        await ha.PublishAsync("homeassistant/status", Utf8("online"), MqttQualityOfService.AtLeastOnce, retain: false);

        await seen.WaitForAsync("homeassistant/status", "online");
        seen.Payloads("other/x").Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_password_is_refused_logged_once_and_retried_only_after_the_slow_delay()
    {
        await using var broker = await MosquittoBroker.StartAsync(Auth);
        var log = new ErrorCounter();
        var scheduler = new HistoricalScheduler(DateTimeOffset.UtcNow);
        var options = Options(broker.Port("auth"), "bridge") with
        {
            Username = MosquittoBroker.BridgeUser,
            Password = "wrong",
            Reconnect = FastReconnect with { RefusedRetryDelay = TimeSpan.FromSeconds(60) },
        };
        await using var client = Create(options, scheduler, new LoggerConfiguration().WriteTo.Sink(log).CreateLogger());
        var states = new List<MqttConnectionState>();
        using var recording = client.States.Subscribe(s =>
        {
            lock (states)
            {
                states.Add(s);
            }
        });

        // Virtual time drives the retry timer; the connection attempts themselves are real.
        var connect = client.ConnectAsync();
        scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        var refusal = await FluentActions.Awaiting(() => connect.WaitAsync(TimeSpan.FromSeconds(10)))
            .Should().ThrowAsync<MqttConnectionRefusedException>();
        refusal.Which.Code.Should().Be(MqttConnectReturnCode.NotAuthorized, "mosquitto answers a wrong password with 5 (mqtt.md §1.5)");
        var refused = await client.WaitForStateAsync<MqttConnectionState.Refused>();
        refused.RetryIn.Should().Be(TimeSpan.FromSeconds(60));
        var secondRefusal = client.States.OfType<MqttConnectionState.Refused>().Skip(1).FirstAsync().ToTask();
        var secondAttempt = client.States.OfType<MqttConnectionState.Connecting>().FirstAsync(c => c.Attempt == 2).ToTask();

        scheduler.AdvanceBy(TimeSpan.FromSeconds(59));
        Attempts(states).Should().Be(1, "nothing may happen before the slow retry delay");

        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));
        await secondAttempt.WaitAsync(TimeSpan.FromSeconds(10));
        (await secondRefusal.WaitAsync(TimeSpan.FromSeconds(10))).Code.Should().Be(MqttConnectReturnCode.NotAuthorized);
        log.Errors.Should().ContainSingle().Which.Should().Contain("not authorised");
    }

    [Fact]
    public async Task Over_mqtt_5_a_bad_password_is_refused_with_the_broker_reason_and_a_good_one_connects()
    {
        await using var broker = await MosquittoBroker.StartAsync(Auth);
        var port = broker.Port("auth");
        await using var wrong = Create(Options(port, "bridge-v5") with { Protocol = MqttProtocol.V5, Username = MosquittoBroker.BridgeUser, Password = "wrong" });

        var refusal = await FluentActions.Awaiting(() => wrong.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10)))
            .Should().ThrowAsync<MqttConnectionRefusedException>();

        refusal.Which.Code.Should().Be(MqttConnectReturnCode.NotAuthorized, "mosquitto answers v5 with reason 0x87 (mqtt.md §1.5)");
        await using var right = Create(Options(port, "ok-v5") with { Protocol = MqttProtocol.V5, Username = MosquittoBroker.BridgeUser, Password = MosquittoBroker.BridgePassword });
        await right.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await right.PublishAsync("bms/pack1/state", Utf8("v5"), MqttQualityOfService.AtLeastOnce, retain: false);
        await broker.WaitForLogAsync("as ok-v5 (p5, c1");
    }

    private static int Attempts(List<MqttConnectionState> states)
    {
        lock (states)
        {
            return states.Count(s => s is MqttConnectionState.Connecting);
        }
    }

    private sealed class ErrorCounter : ILogEventSink
    {
        private readonly List<string> _errors = [];

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_errors)
                {
                    return [.. _errors];
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level >= LogEventLevel.Error)
            {
                lock (_errors)
                {
                    _errors.Add(logEvent.RenderMessage());
                }
            }
        }
    }
}
