using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Streams.Polling;

/// <summary>Poll cadence: one cycle at a time, on a fixed period measured from each cycle's start.</summary>
internal static class CadenceExtensions
{
    /// <summary>
    /// Subscribes to <paramref name="cycle"/> at once, and again every <paramref name="interval"/> measured
    /// from the start of the previous cycle. A cycle that takes longer than the interval is followed at
    /// once by the next one: cycles never overlap and missed starts are not made up (no pile-up).
    /// <code>
    /// interval 4 frames, cycle takes 1, then 6, then 1 frame(s):
    /// starts : ^---^------^---^---
    /// values : -a---b------c---d--
    /// </code>
    /// Values of every cycle pass through; an error of a cycle ends the stream; it never completes.
    /// </summary>
    /// <param name="cycle">One cycle of work; cold (subscribed once per cycle).</param>
    /// <param name="interval">Target period between cycle starts.</param>
    /// <param name="scheduler">Runs the waits and reads the clock.</param>
    public static IObservable<T> RepeatEvery<T>(this IObservable<T> cycle, TimeSpan interval, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);

        return Observable.Create<T>(observer =>
        {
            var running = new SerialDisposable();
            var loop = scheduler.Schedule(TimeSpan.Zero, (Action<Action<TimeSpan>>)(again =>
            {
                var start = scheduler.Now;
                running.Disposable = cycle.Subscribe(
                    observer.OnNext,
                    observer.OnError,
                    () =>
                    {
                        var wait = start + interval - scheduler.Now;
                        again(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                    });
            }));
            return new CompositeDisposable(loop, running);
        });
    }
}
