using System.Reactive.Concurrency;
using System.Reactive.Disposables;
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

        return Observable.Create<ErrorReport>(observer =>
        {
            var gate = new object();
            var timer = new SerialDisposable();
            string? category = null;
            var detail = string.Empty;
            var failedCycles = 0;

            void Heartbeat(Action<TimeSpan> again)
            {
                lock (gate)
                {
                    observer.OnNext(new StillFailing(category!, detail, failedCycles));
                }

                again(heartbeat);
            }

            var upstream = outcomes.Subscribe(
                outcome =>
                {
                    lock (gate)
                    {
                        if (outcome.Succeeded)
                        {
                            if (failedCycles > 0)
                            {
                                timer.Disposable = Disposable.Empty;
                                observer.OnNext(new Recovered(failedCycles));
                            }

                            failedCycles = 0;
                            category = null;
                            return;
                        }

                        failedCycles++;
                        if (outcome.Category == category)
                        {
                            return;
                        }

                        category = outcome.Category;
                        detail = outcome.Detail ?? outcome.Category!;
                        observer.OnNext(new Failing(category!, detail, failedCycles));
                        timer.Disposable = scheduler.Schedule(heartbeat, (Action<Action<TimeSpan>>)Heartbeat);
                    }
                },
                error =>
                {
                    lock (gate)
                    {
                        timer.Dispose();
                        observer.OnError(error);
                    }
                },
                () =>
                {
                    lock (gate)
                    {
                        timer.Dispose();
                        observer.OnCompleted();
                    }
                });

            return new CompositeDisposable(upstream, timer);
        });
    }
}
