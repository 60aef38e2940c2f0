using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Core;

namespace Streams.Health;

/// <summary>Per-pack error reporting over a stream of poll outcomes.</summary>
internal static class ErrorReporting
{
    /// <summary>
    /// Turns poll outcomes into the few reports a person wants to read during an outage.
    /// <list type="table">
    /// <item><term>failure, new category</term><description><see cref="Failing"/> at once; the heartbeat timer restarts.</description></item>
    /// <item><term>failure, same category</term><description>nothing; every <paramref name="heartbeat"/> since the category began, <see cref="StillFailing"/> with the cycles so far.</description></item>
    /// <item><term>success after failures</term><description><see cref="Recovered"/> with the failed cycles; the timer stops.</description></item>
    /// <item><term>success</term><description>nothing.</description></item>
    /// <item><term>completion / error</term><description>forwarded; the timer stops.</description></item>
    /// </list>
    /// <code>
    /// outcomes:  -t-t-t-t-t-t-t-c-c-o--   (t timeout, c CRC, o ok; heartbeat = 6 frames)
    /// reports:   -F-----------S-F-----R   (F Failing, S StillFailing(7), R Recovered(9))
    /// </code>
    /// </summary>
    /// <param name="outcomes">One outcome per poll cycle of one pack.</param>
    /// <param name="heartbeat">How often to repeat an unchanged failure (the seed: one hour).</param>
    /// <param name="scheduler">Where the heartbeat timer runs.</param>
    public static IObservable<ErrorReport> ReportErrors(
        this IObservable<PollOutcome> outcomes, TimeSpan heartbeat, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(heartbeat, TimeSpan.Zero);

        return outcomes
            .Scan(FailureEpisode.Healthy, static (episode, outcome) => episode.After(outcome))
            .Publish(episodes => episodes
                .DistinctUntilChanged(static episode => episode.Category)
                .Select(episode => Reports(episode, episodes, heartbeat, scheduler))
                .Switch()
                // The heartbeat of an ongoing failure never completes by itself: end with the outcomes.
                .TakeUntil(episodes.LastOrDefaultAsync()));
    }

    private static IObservable<ErrorReport> Reports(
        FailureEpisode episode, IObservable<FailureEpisode> episodes, TimeSpan heartbeat, IScheduler scheduler)
    {
        if (episode.Category is not { } category)
        {
            return episode.RecoveredAfter > 0
                ? Observable.Return<ErrorReport>(new Recovered(episode.RecoveredAfter))
                : Observable.Empty<ErrorReport>();
        }

        // StartWith: the episode that began this category is already past when the reminders subscribe.
        return Observable.Interval(heartbeat, scheduler)
            .WithLatestFrom(episodes.StartWith(episode),
                (_, latest) => (ErrorReport)new StillFailing(category, episode.Detail, latest.FailedCycles))
            .StartWith(new Failing(category, episode.Detail, episode.FailedCycles));
    }

    /// <summary>Where one pack stands after an outcome: the ongoing category (null when healthy) and its count.</summary>
    private sealed record FailureEpisode(string? Category, string Detail, int FailedCycles, int RecoveredAfter)
    {
        public static FailureEpisode Healthy { get; } = new(null, string.Empty, 0, 0);

        public FailureEpisode After(PollOutcome outcome) =>
            outcome.Succeeded ? new FailureEpisode(null, string.Empty, 0, FailedCycles)
            : outcome.Category == Category ? this with { FailedCycles = FailedCycles + 1 }
            : new FailureEpisode(outcome.Category, outcome.Detail ?? outcome.Category!, FailedCycles + 1, 0);
    }
}
