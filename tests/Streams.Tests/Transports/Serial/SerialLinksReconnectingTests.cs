using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.Tests.Transports.Serial;

/// <summary><see cref="SerialLinks.Reconnecting"/> in virtual time (HistoricalScheduler).</summary>
public sealed class SerialLinksReconnectingTests
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReconnectPolicy Policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

    private readonly HistoricalScheduler _scheduler = new(Epoch);
    private readonly FakeSerialDevice _device;
    private readonly List<(TimeSpan At, LinkStatus Status)> _statuses = [];
    private Exception? _error;
    private bool _completed;

    public SerialLinksReconnectingTests() => _device = new FakeSerialDevice(_scheduler, Epoch);

    [Fact]
    public void Opens_on_the_scheduler_at_subscription_and_reports_the_link()
    {
        _device.Plugged = true;
        using var subscription = Subscribe();

        _device.Attempts.Should().BeEmpty("nothing runs until the scheduler does");
        AdvanceTo(0.001);

        _device.Attempts.Should().Equal(TimeSpan.Zero);
        _statuses.Should().ContainSingle()
            .Which.Should().Be((TimeSpan.Zero, (LinkStatus)new LinkStatus.Connected(_device.Links[0])));
    }

    [Fact]
    public void Failed_opens_back_off_exponentially_up_to_the_cap()
    {
        using var subscription = Subscribe();

        AdvanceTo(40);

        _device.Attempts.Select(a => a.TotalSeconds).Should().Equal(0, 1, 3, 7, 15, 23, 31, 39);
        Retries().Should().Equal(
            (0, 1, 1), (1, 2, 2), (3, 4, 3), (7, 8, 4), (15, 8, 5), (23, 8, 6), (31, 8, 7), (39, 8, 8));
    }

    [Fact]
    public void Each_failed_open_reports_its_reason_before_the_retry()
    {
        using var subscription = Subscribe();

        AdvanceTo(0.5);

        _statuses.Select(s => s.Status.GetType()).Should().Equal(typeof(LinkStatus.Disconnected), typeof(LinkStatus.RetryIn));
        var reason = _statuses[0].Status.Should().BeOfType<LinkStatus.Disconnected>().Which.Reason;
        reason.Should().BeOfType<SerialPortOpenException>().Which.ErrorName.Should().Be("ENOENT");
    }

    [Fact]
    public void Connects_at_the_first_attempt_after_the_device_returns()
    {
        using var subscription = Subscribe();
        AdvanceTo(10);
        _device.Plugged = true;

        AdvanceTo(20);

        _device.Attempts.Select(a => a.TotalSeconds).Should().Equal(0, 1, 3, 7, 15);
        _statuses.Last().Should().Be((TimeSpan.FromSeconds(15), (LinkStatus)new LinkStatus.Connected(_device.Links.Single())));
    }

    [Fact]
    public void A_lost_link_is_disposed_reported_and_reopened_with_the_backoff_reset()
    {
        using var subscription = Subscribe();
        AdvanceTo(10);
        _device.Plugged = true;
        AdvanceTo(16);
        _statuses.Clear();

        _device.Unplug();
        AdvanceTo(17.5);
        var lost = _device.Links.Single();
        lost.IsDisposed.Should().BeTrue();
        _statuses[0].At.Should().Be(TimeSpan.FromSeconds(16));
        _statuses[0].Status.Should().BeOfType<LinkStatus.Disconnected>()
            .Which.Reason.Should().BeOfType<SerialDisconnectedException>()
            .Which.Message.Should().Be("Serial port /dev/ttyFAKE0 disconnected (hangup (test))");
        Retries().Should().Equal((16, 1, 1), (17, 2, 2));

        _device.Plugged = true;
        AdvanceTo(30);

        _device.Attempts.Where(a => a > TimeSpan.FromSeconds(15)).Select(a => a.TotalSeconds).Should().Equal(17, 19);
        _statuses.Last().Status.Should().Be(new LinkStatus.Connected(_device.Links[1]));
    }

    [Fact]
    public void The_backoff_restarts_from_the_initial_delay_after_every_successful_open()
    {
        _device.Plugged = true;
        using var subscription = Subscribe();
        AdvanceTo(1);

        for (var cycle = 0; cycle < 3; cycle++)
        {
            _device.Unplug();
            _device.Plugged = true;
            AdvanceTo((_scheduler.Now - Epoch).TotalSeconds + 5);
        }

        Retries().Select(r => r.Delay).Should().Equal(1, 1, 1);
        _statuses.Count(s => s.Status is LinkStatus.Connected).Should().Be(4);
    }

    [Fact]
    public void A_link_closed_by_someone_else_counts_as_lost()
    {
        _device.Plugged = true;
        using var subscription = Subscribe();
        AdvanceTo(1);

        _device.Links[0].Dispose();
        AdvanceTo(3);

        _statuses.Select(s => s.Status.GetType().Name).Should().Equal("Connected", "Disconnected", "RetryIn", "Connected");
        ((LinkStatus.Disconnected)_statuses[1].Status).Reason.Message.Should().Contain("link closed");
    }

    [Fact]
    public void Disposing_closes_the_live_link_and_stops_reopening()
    {
        _device.Plugged = true;
        var subscription = Subscribe();
        AdvanceTo(1);

        subscription.Dispose();
        _device.Links[0].IsDisposed.Should().BeTrue();
        _device.Unplug();
        AdvanceTo(120);

        _device.Attempts.Should().ContainSingle();
        _statuses.Should().ContainSingle();
        _completed.Should().BeFalse();
        _error.Should().BeNull();
    }

    [Fact]
    public void Disposing_during_the_backoff_cancels_the_pending_retry()
    {
        var subscription = Subscribe();
        AdvanceTo(2);

        subscription.Dispose();
        _device.Plugged = true;
        AdvanceTo(60);

        _device.Attempts.Select(a => a.TotalSeconds).Should().Equal(0, 1);
        _device.Links.Should().BeEmpty();
    }

    [Fact]
    public void A_non_io_failure_from_open_ends_the_stream_without_retrying()
    {
        _device.OpenFailure = new ArgumentException("Unsupported baud rate 9601");
        using var subscription = Subscribe();

        AdvanceTo(60);

        _error.Should().BeOfType<ArgumentException>().Which.Message.Should().Be("Unsupported baud rate 9601");
        _device.Attempts.Should().ContainSingle();
        _statuses.Should().BeEmpty();
    }

    [Fact]
    public void Any_io_failure_from_open_is_retried()
    {
        _device.OpenFailure = new IOException("device busy");
        using var subscription = Subscribe();

        AdvanceTo(3.5);

        _device.Attempts.Should().HaveCount(3);
        ((LinkStatus.Disconnected)_statuses[0].Status).Reason.Message.Should().Be("device busy");
    }

    [Fact]
    public void Each_subscription_opens_its_own_link()
    {
        _device.Plugged = true;
        using var first = Subscribe();
        using var second = Subscribe();

        AdvanceTo(1);

        _device.Links.Should().HaveCount(2);
    }

    [Fact]
    public void Arguments_are_checked_when_the_operator_is_called()
    {
        Func<ISerialLink> open = _device.Open;

        ((Action)(() => SerialLinks.Reconnecting(null!, Policy, _scheduler))).Should().Throw<ArgumentNullException>();
        ((Action)(() => SerialLinks.Reconnecting(open, null!, _scheduler))).Should().Throw<ArgumentNullException>();
        ((Action)(() => SerialLinks.Reconnecting(open, Policy, null!))).Should().Throw<ArgumentNullException>();
        _device.Attempts.Should().BeEmpty();
    }

    [Fact]
    public void Received_while_connected_follows_each_new_link_and_swallows_the_loss()
    {
        _device.Plugged = true;
        var chunks = new List<string>();
        Exception? error = null;
        using var subscription = SerialLinks.Reconnecting(_device.Open, Policy, _scheduler)
            .ReceivedWhileConnected()
            .Subscribe(c => chunks.Add(Convert.ToHexString(c.Span)), e => error = e);
        AdvanceTo(0.5);

        _device.Links[0].Emit(0x01, 0x02);
        _device.Unplug();
        _device.Plugged = true;
        AdvanceTo(2);
        _device.Links[1].Emit(0x03);

        chunks.Should().Equal("0102", "03");
        error.Should().BeNull();
    }

    private IDisposable Subscribe() =>
        SerialLinks.Reconnecting(_device.Open, Policy, _scheduler).Subscribe(
            status => _statuses.Add((_scheduler.Now - Epoch, status)),
            error => _error = error,
            () => _completed = true);

    private void AdvanceTo(double seconds) => _scheduler.AdvanceTo(Epoch + TimeSpan.FromSeconds(seconds));

    private IEnumerable<(double At, double Delay, int Attempt)> Retries() =>
        _statuses
            .Where(s => s.Status is LinkStatus.RetryIn)
            .Select(s => (s.At.TotalSeconds, ((LinkStatus.RetryIn)s.Status).Delay.TotalSeconds, ((LinkStatus.RetryIn)s.Status).Attempt));
}
