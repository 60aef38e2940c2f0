using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleSchedulerTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    [Fact]
    public void Frame_zero_is_the_fixed_epoch_and_frames_are_timespan_ticks()
    {
        var scheduler = new MarbleScheduler(TenMinutes);
        scheduler.Now.Should().Be(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

        scheduler.AdvanceToFrame(6);

        scheduler.Clock.Should().Be(TimeSpan.FromHours(1).Ticks);
        scheduler.Now.Should().Be(new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero));
        scheduler.CurrentFrame.Should().Be(6);
    }

    [Fact]
    public void The_clock_can_start_before_the_epoch()
    {
        var scheduler = new MarbleScheduler(TenMinutes, startFrame: -3);

        scheduler.CurrentFrame.Should().Be(-3);
        scheduler.Now.Should().Be(new DateTimeOffset(2023, 12, 31, 23, 30, 0, TimeSpan.Zero));
        scheduler.FrameOf(-1).Should().Be(-1, "frames round towards minus infinity");
    }

    [Fact]
    public void Work_due_now_runs_now_without_a_one_tick_bump()
    {
        var scheduler = new MarbleScheduler(TenMinutes);
        var seen = new List<long>();

        Observable.Return(1, scheduler).Subscribe(_ => seen.Add(scheduler.Clock));
        scheduler.Schedule(TimeSpan.Zero, () => seen.Add(scheduler.Clock));
        scheduler.AdvanceToFrame(0);

        seen.Should().Equal(0, 0);
    }

    [Fact]
    public void Same_tick_work_runs_in_scheduling_order_and_nested_same_tick_work_runs_in_the_same_pass()
    {
        var scheduler = new MarbleScheduler(TenMinutes);
        var order = new List<string>();
        scheduler.ScheduleAtFrame(1, () =>
        {
            order.Add("outer");
            scheduler.ScheduleAtFrame(1, () => order.Add("inner"));
        });
        scheduler.ScheduleAtFrame(1, () => order.Add("second"));

        scheduler.AdvanceToFrame(1);

        order.Should().Equal("outer", "second", "inner");
    }

    [Fact]
    public void An_endless_interval_stops_at_the_advanced_frame()
    {
        var scheduler = new MarbleScheduler(TenMinutes);
        var ticks = 0;
        using var _ = Observable.Interval(TimeSpan.FromHours(1), scheduler).Subscribe(_ => ticks++);

        scheduler.AdvanceToFrame(6 * 24);

        ticks.Should().Be(24);
    }

    [Fact]
    public void A_frame_must_be_positive() =>
        FluentActions.Invoking(() => new MarbleScheduler(TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
}
