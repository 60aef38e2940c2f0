using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text;
using FluentAssertions;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using Serilog.Events;
using Streams.Mqtt;
using Xunit;
using MqttClient = Streams.Mqtt.MqttClient;
using MqttClientOptions = Streams.Mqtt.MqttClientOptions;

namespace Streams.Tests.Mqtt;

/// <summary>
/// The adapter against MQTTnet's traps (issue 9), in virtual time: a fresh <see cref="TrapMqttNetClient"/>
/// per attempt plays MQTTnet, the <see cref="HistoricalScheduler"/> drives every timer of ours.
/// </summary>
public sealed class MqttNetTrapTests : IAsyncDisposable
{
    private static readonly MqttClientOptions Options = new()
    {
        Host = "broker",
        ClientId = "streams",
        Will = new MqttWill("streams/bridge/availability", "offline"u8.ToArray(), MqttQualityOfService.AtLeastOnce, Retain: true),
        ShutdownMessage = new MqttShutdownMessage("streams/bridge/availability", "offline"u8.ToArray()),
    };

    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CollectingSink _log = new();
    private readonly List<string> _calls = [];
    private readonly List<TrapMqttNetClient> _clients = [];
    private readonly List<(double Seconds, MqttConnectionState State)> _states = [];
    private Action<TrapMqttNetClient> _configure = _ => { };
    private MqttClient? _client;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Disconnected_event_after_a_failed_connect_adds_no_attempts()
    {
        // MQTTnet raises DisconnectedAsync after a failed ConnectAsync too; a retry loop in that
        // handler would double the attempts each time. Only the backoff decides: 0, 1, 3, 7, then every 5 s.
        _configure = c => c.Connect = _ => throw new MqttCommunicationException("connection refused");

        Start();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(30));

        AttemptTimes().Should().Equal(0, 1, 3, 7, 12, 17, 22, 27);
        _clients.Should().HaveCount(8, "one MQTTnet client per attempt");
        _calls.Count(c => c == "dispose").Should().Be(8, "every failed attempt's client is released");
    }

    [Fact]
    public async Task A_connect_that_ignores_its_own_timeout_is_cut_off_by_ours()
    {
        // With a cancellable token MQTTnet ignores WithTimeout: only our deadline ends the wait.
        _configure = c => c.Connect = TrapMqttNetClient.UntilCancelled<MqttClientConnectResult>;

        Start();
        var failure = _client!.States.OfType<MqttConnectionState.Disconnected>().FirstAsync().ToTask();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(9.9));
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(0.1));

        // Rx reports a faulted async attempt from a task continuation: wait for it, never sleep.
        (await failure.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Be("no CONNACK from broker:1883 within 10 s");
        _states.Select(s => s.Seconds).Should().Equal(0, 10);
    }

    [Theory]
    [InlineData(MqttClientConnectResultCode.NotAuthorized, MqttConnectReturnCode.NotAuthorized, "not authorised")]
    [InlineData(MqttClientConnectResultCode.BadUserNameOrPassword, MqttConnectReturnCode.BadUsernameOrPassword, "bad user name or password")]
    [InlineData(MqttClientConnectResultCode.Banned, MqttConnectReturnCode.Other, "Banned")]
    public void A_refusal_returned_as_a_result_code_is_retried_slowly_and_logged_once(MqttClientConnectResultCode result, MqttConnectReturnCode code, string text)
    {
        // MQTTnet returns a refusing CONNACK instead of throwing.
        _configure = c => c.Connect = _ => Task.FromResult(TrapMqttNetClient.Result(result));

        Start();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(150));

        AttemptTimes().Should().Equal(0, 60, 120);
        _states.Select(s => s.State).OfType<MqttConnectionState.Refused>().Should().HaveCount(3)
            .And.OnlyContain(r => r.Code == code && r.RetryIn == TimeSpan.FromSeconds(60) && r.Message.Contains(text, StringComparison.Ordinal));
        _log.Messages(LogEventLevel.Error).Should().ContainSingle().Which.Should().Contain(text).And.Contain("Retrying every 60 s");
    }

    [Fact]
    public async Task A_one_shot_caller_gets_the_refusal_from_ConnectAsync_and_the_client_leaves_the_error_line_to_it()
    {
        _configure = c => c.Connect = _ => Task.FromResult(TrapMqttNetClient.Result(MqttClientConnectResultCode.NotAuthorized));

        Start(Options with { Reconnect = Options.Reconnect with { CallerReportsRefusals = true } });
        var connect = _client!.ConnectAsync();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        (await connect.Invoking(c => c.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<MqttConnectionRefusedException>())
            .Which.Message.Should().Contain("not authorised").And.Contain("mqtt.password");
        _log.Messages(LogEventLevel.Error).Should().BeEmpty();
        _log.Messages(LogEventLevel.Debug).Should().Contain(m => m.Contains("not authorised", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publishing_on_a_connection_MQTTnet_already_lost_throws_our_not_connected()
    {
        Start();
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        _clients.Single().LoseSilently();

        var act = () => _client!.PublishAsync("streams/pack1/state", "{}"u8.ToArray(), MqttQualityOfService.AtLeastOnce, retain: true);

        await act.Should().ThrowAsync<MqttNotConnectedException>().WithMessage("*streams/pack1/state*");
    }

    [Fact]
    public async Task A_lost_connection_is_noticed_through_DisconnectedAsync_and_the_latest_state_waits_for_the_next()
    {
        Start();
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        using var states = new MqttLatestStatePublisher(_client!);
        var lost = _client!.States.OfType<MqttConnectionState.Disconnected>().FirstAsync().ToTask();

        _clients.Single().Lose();
        (await lost.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Contain("connection reset by peer");
        states.Publish("streams/pack1/state", "{\"soc\":80}"u8.ToArray());
        states.Publish("streams/pack1/state", "{\"soc\":79}"u8.ToArray());
        states.PendingCount.Should().Be(1);
        var back = _client.Connected.FirstAsync().ToTask();
        var republished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _configure = c => c.Published = call => { if (call == "PUBLISH streams/pack1/state {\"soc\":79} q1 r1") { republished.TrySetResult(); } };
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));
        await back.WaitAsync(TimeSpan.FromSeconds(10));

        await republished.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _calls.Should().NotContain(c => c.Contains("\"soc\":80", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clean_stop_publishes_offline_then_sends_DISCONNECT_before_disposing()
    {
        // MQTTnet's Dispose() closes the socket without DISCONNECT, and the broker would publish the will.
        Start();
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));

        await _client!.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        _calls.Should().Equal("CONNECT", "PUBLISH streams/bridge/availability offline q1 r1", "DISCONNECT", "dispose");
    }

    [Fact]
    public async Task A_broker_that_stops_answering_pings_is_dropped_without_DISCONNECT_and_retried()
    {
        _configure = c => c.Ping = TrapMqttNetClient.UntilCancelled<bool>;

        Start();
        var lost = _client!.States.OfType<MqttConnectionState.Disconnected>().FirstAsync().ToTask();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(20));

        (await lost.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Be("no answer to PINGREQ within 10 s; the broker stopped answering");
        _states.Select(s => s.Seconds).Should().Equal(0, 0, 20); // connecting, connected, the ping at 10 s unanswered at 20 s
        _calls.Should().Equal("CONNECT", "dispose");
        var retry = _client.States.OfType<MqttConnectionState.Connecting>().FirstAsync(c => c.Attempt == 2).ToTask();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));
        await retry.WaitAsync(TimeSpan.FromSeconds(10));
        AttemptTimes().Should().Equal(0, 21);
    }

    [Fact]
    public void Subscriptions_are_renewed_on_every_connection_and_messages_reach_the_stream()
    {
        Start();
        _ = _client!.SubscribeAsync("homeassistant/status", MqttQualityOfService.AtMostOnce);
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        var received = new List<string>();
        using var watch = _client.Messages.Subscribe(m => received.Add($"{m.Topic}={m.PayloadText}"));

        _clients[0].Receive("homeassistant/status", "online");
        _clients[0].Lose();

        received.Should().Equal("homeassistant/status=online");
        _calls.Should().Contain("SUBSCRIBE homeassistant/status");
    }

    [Fact]
    public void MQTTnet_defaults_to_MQTT_5_so_the_adapter_asks_for_3_1_1_unless_configured()
    {
        new MqttClientOptionsBuilder().WithTcpServer("broker").Build().ProtocolVersion.Should().Be(MqttProtocolVersion.V500, "the trap: MQTTnet's own default");

        var mqttNet = MqttNetOptions.Build(Options, Serilog.Core.Logger.None);
        var mqttNet5 = MqttNetOptions.Build(Options with { Protocol = MqttProtocol.V5 }, Serilog.Core.Logger.None);

        mqttNet.ProtocolVersion.Should().Be(MqttProtocolVersion.V311);
        mqttNet5.ProtocolVersion.Should().Be(MqttProtocolVersion.V500);
        mqttNet.CleanSession.Should().BeTrue();
        mqttNet.KeepAlivePeriod.Should().Be(TimeSpan.FromSeconds(20));
        mqttNet.WillTopic.Should().Be("streams/bridge/availability");
        Encoding.UTF8.GetString(mqttNet.WillPayload).Should().Be("offline");
        mqttNet.WillRetain.Should().BeTrue();
        mqttNet.WillQualityOfServiceLevel.Should().Be(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
    }

    private void Start(MqttClientOptions? options = null)
    {
        _client = new MqttClient(options ?? Options, _scheduler, _log.CreateLogger(), () => 0, () =>
        {
            var client = new TrapMqttNetClient(_calls);
            _configure(client);
            _clients.Add(client);
            return client;
        });
        var start = _scheduler.Now;
        _client.States.Subscribe(s =>
        {
            lock (_states)
            {
                _states.Add(((_scheduler.Now - start).TotalSeconds, s));
            }
        });
        _client.Start();
    }

    private List<double> AttemptTimes()
    {
        lock (_states)
        {
            return [.. _states.Where(s => s.State is MqttConnectionState.Connecting).Select(s => s.Seconds)];
        }
    }
}
