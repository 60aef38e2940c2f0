using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FluentAssertions;
using Serilog.Events;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

/// <summary>A second client on our client id (issue 11 item 2), noticed by the reconnect loop in virtual time.</summary>
public sealed class MqttTakeoverTests
{
    private static readonly MqttReconnectPolicy Policy = new() { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), Jitter = 0 };

    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CollectingSink _log = new();

    [Fact]
    public void Three_accepted_connections_the_broker_closes_before_they_are_stable_name_the_client_id_once()
    {
        Run(_ => KickedAfter(TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(60));

        var warnings = _log.Messages(LogEventLevel.Warning).Where(m => m.Contains("client id", StringComparison.Ordinal)).ToList();
        warnings.Should().ContainSingle().Which.Should()
            .Contain("another client probably uses the client id 'bridge-1'").And.Contain("3 times").And.Contain("mqtt.client_id");
    }

    [Fact]
    public void Two_kicks_say_nothing_and_failed_connects_in_between_mean_a_restarting_broker()
    {
        Run(attempt => attempt <= 2 ? KickedAfter(TimeSpan.FromSeconds(2)) : Observable.Never<MqttConnectionState.Connected>(), TimeSpan.FromSeconds(60));
        Run(attempt => attempt % 2 == 0 ? Fail(new IOException("connection refused")) : KickedAfter(TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(120));

        _log.Messages(LogEventLevel.Warning).Should().NotContain(m => m.Contains("client id", StringComparison.Ordinal));
    }

    [Fact]
    public void A_close_while_a_publish_was_unacknowledged_proves_nothing()
    {
        Run(_ => KickedAfter(TimeSpan.FromSeconds(2), whilePublishing: true), TimeSpan.FromSeconds(60));

        _log.Messages(LogEventLevel.Warning).Should().NotContain(m => m.Contains("client id", StringComparison.Ordinal), "a broker drops a connection over a message too big for it, too");
    }

    [Fact]
    public void A_broker_that_says_session_taken_over_is_believed_at_once()
    {
        Run(attempt => attempt == 1 ? KickedAfter(TimeSpan.FromSeconds(2), takenOver: true) : Observable.Never<MqttConnectionState.Connected>(), TimeSpan.FromSeconds(10));

        _log.Messages(LogEventLevel.Warning).Should().ContainSingle(m => m.Contains("took the session over", StringComparison.Ordinal) && m.Contains("'bridge-1'", StringComparison.Ordinal));
    }

    private static IObservable<MqttConnectionState.Connected> Fail(Exception error) => Observable.Throw<MqttConnectionState.Connected>(error);

    private IObservable<MqttConnectionState.Connected> KickedAfter(TimeSpan after, bool whilePublishing = false, bool takenOver = false) =>
        Observable.Return(new MqttConnectionState.Connected(false))
            .Concat(Observable.Throw<MqttConnectionState.Connected>(new MqttConnectionLostException("broker closed the connection (NormalDisconnection)")
            {
                ClosedByBroker = true,
                WhilePublishing = whilePublishing,
                SessionTakenOver = takenOver,
            }).DelaySubscription(after, _scheduler));

    private void Run(Func<int, IObservable<MqttConnectionState.Connected>> attempt, TimeSpan until)
    {
        var count = 0;
        using var run = MqttReconnect.Supervise(() => attempt(++count), Policy, _scheduler, () => 0, _log.CreateLogger(), clientId: "bridge-1").Subscribe();
        _scheduler.AdvanceBy(until);
    }
}
