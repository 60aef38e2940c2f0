using FluentAssertions;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

public sealed class MqttKeepAliveMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Idle_connection_pings_after_the_interval()
    {
        var monitor = new MqttKeepAliveMonitor(Interval, Timeout, T0);

        monitor.Check(T0.AddSeconds(14)).Should().Be(new MqttKeepAliveDecision(MqttKeepAliveAction.None, T0.AddSeconds(15)));
        monitor.Check(T0.AddSeconds(15)).Action.Should().Be(MqttKeepAliveAction.SendPing);
    }

    [Fact]
    public void Sending_anything_postpones_the_ping()
    {
        var monitor = new MqttKeepAliveMonitor(Interval, Timeout, T0);
        monitor.OnSent(T0.AddSeconds(10));

        monitor.Check(T0.AddSeconds(15)).Should().Be(new MqttKeepAliveDecision(MqttKeepAliveAction.None, T0.AddSeconds(25)));
    }

    [Fact]
    public void Receiving_does_not_postpone_the_ping_because_only_sending_counts_for_the_broker()
    {
        var monitor = new MqttKeepAliveMonitor(Interval, Timeout, T0);
        monitor.OnReceived();

        monitor.Check(T0.AddSeconds(15)).Action.Should().Be(MqttKeepAliveAction.SendPing);
    }

    [Fact]
    public void Unanswered_ping_is_dead_at_the_timeout()
    {
        var monitor = new MqttKeepAliveMonitor(Interval, Timeout, T0);
        monitor.OnPingSent(T0.AddSeconds(15));

        monitor.Check(T0.AddSeconds(34)).Action.Should().Be(MqttKeepAliveAction.None);
        monitor.Check(T0.AddSeconds(35)).Should().Be(new MqttKeepAliveDecision(MqttKeepAliveAction.Dead, T0.AddSeconds(35)));
    }

    [Fact]
    public void Answered_ping_clears_the_deadline()
    {
        var monitor = new MqttKeepAliveMonitor(Interval, Timeout, T0);
        monitor.OnPingSent(T0.AddSeconds(15));
        monitor.OnReceived();

        monitor.Check(T0.AddSeconds(29)).Action.Should().Be(MqttKeepAliveAction.None);
        monitor.Check(T0.AddSeconds(30)).Action.Should().Be(MqttKeepAliveAction.SendPing);
    }

    [Fact]
    public void While_a_ping_is_outstanding_the_next_ping_time_is_still_checked_when_it_comes_first()
    {
        // Timeout (20 s) longer than the interval (15 s): if the answer arrives, the next ping is due
        // at 30 s, before the 35 s deadline, so the monitor must look again at 30 s.
        var monitor = new MqttKeepAliveMonitor(Interval, Timeout, T0);
        monitor.OnPingSent(T0.AddSeconds(15));

        monitor.Check(T0.AddSeconds(16)).NextCheck.Should().Be(T0.AddSeconds(30));
        monitor.Check(T0.AddSeconds(30)).NextCheck.Should().Be(T0.AddSeconds(35));
    }

    [Fact]
    public void Writes_while_a_ping_is_outstanding_do_not_cancel_the_deadline()
    {
        var monitor = new MqttKeepAliveMonitor(Interval, Timeout, T0);
        monitor.OnPingSent(T0.AddSeconds(15));
        monitor.OnSent(T0.AddSeconds(30));

        monitor.Check(T0.AddSeconds(35)).Action.Should().Be(MqttKeepAliveAction.Dead, "a half-open TCP connection still accepts writes");
    }
}
