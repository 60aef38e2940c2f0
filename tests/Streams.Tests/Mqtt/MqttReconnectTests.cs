using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Security.Authentication;
using FluentAssertions;
using Serilog.Events;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

/// <summary>The reconnect loop in virtual time (HistoricalScheduler): every delay is exact.</summary>
public sealed class MqttReconnectTests
{
    private static readonly MqttReconnectPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        Multiplier = 2,
        Jitter = 0.5,
        StableAfter = TimeSpan.FromSeconds(30),
        RefusedRetryDelay = TimeSpan.FromSeconds(60),
    };

    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CollectingSink _log = new();

    [Fact]
    public void Failing_attempts_back_off_exponentially_up_to_the_cap()
    {
        var timeline = Run(_ => Fail(new IOException("connection refused")), TimeSpan.FromSeconds(40));

        timeline.Where(t => t.State.StartsWith("Connecting", StringComparison.Ordinal)).Select(t => t.Seconds)
            .Should().Equal(0, 1, 3, 7, 15, 23, 31, 39);
        timeline.Should().Contain((1, "Disconnected (connection refused); retry in 2 s"));
    }

    [Fact]
    public void Injected_jitter_shortens_each_delay_deterministically()
    {
        var samples = new Queue<double>([0.5, 1 - 1e-9, 0.0, 0.0]);

        var timeline = Run(_ => Fail(new IOException("down")), TimeSpan.FromSeconds(10), () => samples.Dequeue());

        // 1 s × (1 − 0.5·0.5) = 0.75; 2 s × (1 − 0.5·~1) ≈ 1; 4 s × 1 = 4.
        timeline.Where(t => t.State.StartsWith("Connecting", StringComparison.Ordinal)).Select(t => Math.Round(t.Seconds, 3))
            .Should().Equal(0, 0.75, 1.75, 5.75);
    }

    [Fact]
    public void Bad_credentials_are_refused_retried_slowly_and_logged_once()
    {
        var timeline = Run(_ => Fail(new MqttConnectionRefusedException(MqttConnectReturnCode.NotAuthorized)), TimeSpan.FromSeconds(200));

        timeline.Where(t => t.State.StartsWith("Connecting", StringComparison.Ordinal)).Select(t => t.Seconds)
            .Should().Equal(0, 60, 120, 180);
        timeline.Where(t => t.State.StartsWith("Refused", StringComparison.Ordinal)).Should().HaveCount(4)
            .And.OnlyContain(t => t.State.Contains("not authorised", StringComparison.Ordinal) && t.State.EndsWith("retry in 60 s", StringComparison.Ordinal));
        _log.Messages(LogEventLevel.Error).Should().ContainSingle().Which.Should().Contain("not authorised");
    }

    [Fact]
    public void Refused_state_carries_the_typed_code()
    {
        var states = new List<MqttConnectionState>();
        using var run = Supervise(_ => Fail(new MqttConnectionRefusedException(MqttConnectReturnCode.BadUsernameOrPassword))).Subscribe(states.Add);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        states.OfType<MqttConnectionState.Refused>().Single().Code.Should().Be(MqttConnectReturnCode.BadUsernameOrPassword);
    }

    [Fact]
    public void Server_unavailable_is_retried_with_normal_backoff()
    {
        var timeline = Run(_ => Fail(new MqttConnectionRefusedException(MqttConnectReturnCode.ServerUnavailable)), TimeSpan.FromSeconds(4));

        timeline.Where(t => t.State.StartsWith("Connecting", StringComparison.Ordinal)).Select(t => t.Seconds).Should().Equal(0, 1, 3);
        timeline.Should().Contain(t => t.State.StartsWith("Refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Tls_trust_failure_is_retried_slowly_and_logged_once()
    {
        var timeline = Run(_ => Fail(new AuthenticationException("remote certificate is invalid: UntrustedRoot")), TimeSpan.FromSeconds(130));

        timeline.Where(t => t.State.StartsWith("Connecting", StringComparison.Ordinal)).Select(t => t.Seconds).Should().Equal(0, 60, 120);
        _log.Messages(LogEventLevel.Error).Should().ContainSingle().Which.Should().Contain("UntrustedRoot");
    }

    [Fact]
    public void A_different_refusal_is_logged_again()
    {
        var timeline = Run(
            attempt => Fail(attempt == 1
                ? new MqttConnectionRefusedException(MqttConnectReturnCode.NotAuthorized)
                : new MqttConnectionRefusedException(MqttConnectReturnCode.IdentifierRejected)),
            TimeSpan.FromSeconds(130));

        timeline.Should().NotBeEmpty();
        _log.Messages(LogEventLevel.Error).Should().HaveCount(2);
    }

    [Fact]
    public void Connection_kicked_right_after_connack_keeps_backing_off()
    {
        // A broker that accepts, then kicks (takeover, ACL): resetting on CONNACK would loop fast.
        var timeline = Run(_ => ConnectThenDrop(TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(20));

        timeline.Where(t => t.State.StartsWith("Connecting", StringComparison.Ordinal)).Select(t => t.Seconds)
            .Should().Equal(0, 2, 5, 10, 19);
    }

    [Fact]
    public void Backoff_starts_over_after_a_stable_connection()
    {
        var timeline = Run(
            attempt => attempt switch
            {
                1 or 2 => Fail(new IOException("down")),
                3 => ConnectThenDrop(TimeSpan.FromSeconds(30)),
                _ => Fail(new IOException("down again")),
            },
            TimeSpan.FromSeconds(40));

        // attempts at 0, 1, 3 (connected until 33), then 34 (1 s again, not 4 s), 36, 40.
        timeline.Where(t => t.State.StartsWith("Connecting", StringComparison.Ordinal)).Select(t => t.Seconds)
            .Should().Equal(0, 1, 3, 34, 36, 40);
        timeline.Should().Contain((3, "Connected"));
    }

    [Fact]
    public void Attempt_that_completes_ends_the_loop()
    {
        var completed = false;
        using var run = Supervise(_ => Observable.Return(new MqttConnectionState.Connected(false)).Concat(Observable.Empty<MqttConnectionState.Connected>()))
            .Subscribe(_ => { }, () => completed = true);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        completed.Should().BeTrue();
    }

    [Fact]
    public void Disposing_stops_all_further_attempts()
    {
        var attempts = 0;
        var run = Supervise(_ =>
        {
            attempts++;
            return Fail(new IOException("down"));
        }).Subscribe();

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2));
        run.Dispose();
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(10));

        attempts.Should().Be(2);
    }

    [Fact]
    public void Disposing_unsubscribes_the_running_attempt()
    {
        var unsubscribed = false;
        var run = Supervise(_ => Observable.Never<MqttConnectionState.Connected>().Finally(() => unsubscribed = true)).Subscribe();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        run.Dispose();

        unsubscribed.Should().BeTrue();
    }

    private static IObservable<MqttConnectionState.Connected> Fail(Exception error) => Observable.Throw<MqttConnectionState.Connected>(error);

    private IObservable<MqttConnectionState.Connected> ConnectThenDrop(TimeSpan after) =>
        Observable.Return(new MqttConnectionState.Connected(false))
            .Concat(Observable.Throw<MqttConnectionState.Connected>(new IOException("broker closed the connection")).DelaySubscription(after, _scheduler));

    private IObservable<MqttConnectionState> Supervise(Func<int, IObservable<MqttConnectionState.Connected>> attempt, Func<double>? jitter = null)
    {
        var count = 0;
        return MqttReconnect.Supervise(() => attempt(++count), Policy, _scheduler, jitter ?? (() => 0), _log.CreateLogger());
    }

    private List<(double Seconds, string State)> Run(Func<int, IObservable<MqttConnectionState.Connected>> attempt, TimeSpan until, Func<double>? jitter = null)
    {
        var start = _scheduler.Now;
        var timeline = new List<(double, string)>();
        using var run = Supervise(attempt, jitter).Subscribe(s => timeline.Add(((_scheduler.Now - start).TotalSeconds, s.ToString())));
        _scheduler.AdvanceBy(until);
        return timeline;
    }
}
