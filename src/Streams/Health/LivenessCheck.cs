using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Streams.Health;

/// <summary>Whether the pipeline still makes progress, for a watchdog (systemd's <c>WATCHDOG=1</c>).</summary>
internal static class LivenessCheck
{
    /// <summary>
    /// Every <paramref name="every"/>, <see cref="Liveness.Alive"/> when <paramref name="progress"/>
    /// emitted within the last <paramref name="stallAfter"/> (the subscription itself counts, as a
    /// start-up grace), else <see cref="Liveness.Stalled"/>. A timer alone would keep a hung pipeline
    /// alive in the service manager's eyes; gating each check on real progress (a poll that finished,
    /// failed polls included: an unplugged pack is not a hung bridge) is what makes the watchdog
    /// restart a bridge that stopped moving. Ends when <paramref name="progress"/> ends; its error passes through.
    /// <code>
    /// progress : p------------------p---   (every 2, stallAfter 5)
    /// checks   : --a-a-a-s-s-s-s-s-s-a-
    /// </code>
    /// </summary>
    public static IObservable<Liveness> CheckLiveness<T>(this IObservable<T> progress, TimeSpan every, TimeSpan stallAfter, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(stallAfter, every);
        return progress.Publish(shared =>
        {
            var lastProgress = shared.Select(_ => scheduler.Now).StartWith(scheduler.Now);
            var ended = shared.IgnoreElements().Select(_ => Unit.Default).Concat(Observable.Return(Unit.Default));
            return Observable.Interval(every, scheduler)
                .WithLatestFrom(lastProgress, (_, last) => scheduler.Now - last <= stallAfter ? Liveness.Alive : Liveness.Stalled)
                .TakeUntil(ended);
        });
    }
}
