using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using FluentAssertions;
using Streams.Composition;
using Streams.Core;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>The collections: after the second cycle's polls and the settle time, then every few cycles.</summary>
public sealed class HeapReleaseTests
{
    private static readonly DeviceInfo Pack = new("pack01", "test", "Test", "Pack");

    [Fact]
    public void Releases_after_two_cycles_and_the_settle_time_then_every_few_cycles()
    {
        var scheduler = new HistoricalScheduler();
        var polls = new Subject<PackPoll>();
        var released = 0;
        using var run = HeapRelease.Regularly(polls, 3, scheduler, () => released++)
            .Subscribe(_ => throw new InvalidOperationException("emits nothing"));

        Poll(polls, scheduler, 5);
        scheduler.AdvanceBy(TimeSpan.FromMinutes(1));
        released.Should().Be(0, "a cycle has three packs: the second is one poll short");

        Poll(polls, scheduler, 1);
        scheduler.AdvanceBy(HeapRelease.Settle - TimeSpan.FromTicks(1));
        released.Should().Be(0, "it waits for the cycle's messages to leave");
        scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        released.Should().Be(1);

        Poll(polls, scheduler, (3 * HeapRelease.Every) - 1);
        scheduler.AdvanceBy(TimeSpan.FromMinutes(1));
        released.Should().Be(1, "the next one comes after Every cycles, one poll short here");

        Poll(polls, scheduler, 1);
        scheduler.AdvanceBy(HeapRelease.Settle);
        released.Should().Be(2);
    }

    private static void Poll(Subject<PackPoll> polls, HistoricalScheduler scheduler, int count)
    {
        for (var i = 0; i < count; i++)
        {
            polls.OnNext(PackPoll.Failure(Pack, PollOutcome.Failure("Timeout", "no reply"), scheduler.Now));
        }
    }
}
