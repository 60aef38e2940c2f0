using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Streams.Transports.Esphome;

/// <summary>Dead-link detection for a connection that answers pings.</summary>
internal static class KeepAliveExtensions
{
    /// <summary>
    /// Passes <paramref name="inbound"/> through; after <paramref name="interval"/> without any
    /// message calls <paramref name="ping"/>, again every <paramref name="interval"/> while silent,
    /// and fails with <see cref="TimeoutException"/> once <paramref name="deadAfter"/> passed without
    /// any message. Every message (a pong or anything else) restarts the clock.
    /// <code>
    /// inbound : -a-------------------------     interval 3, deadAfter 8 (frames)
    /// pings   : ----p--p--                      (at 4 and 7)
    /// result  : -a-------#                      TimeoutException at 9
    /// </code>
    /// </summary>
    public static IObservable<T> KeepAlive<T>(this IObservable<T> inbound, Action ping, TimeSpan interval, TimeSpan deadAfter, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(ping);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(deadAfter, interval);

        return inbound.Publish(shared =>
        {
            var silence = shared.Select(_ => Unit.Default).StartWith(Unit.Default)
                .Select(_ => Observable.Interval(interval, scheduler)
                    .TakeWhile(n => (n + 1) * interval.Ticks < deadAfter.Ticks)
                    .Do(_ => ping())
                    .IgnoreElements()
                    .Select(_ => default(T)!)
                    .Merge(Observable.Timer(deadAfter, scheduler)
                        .SelectMany(_ => Observable.Throw<T>(new TimeoutException($"no message for {deadAfter.TotalSeconds:0.#} s")))))
                .Switch();
            var ended = shared.Materialize().Where(n => n.Kind != NotificationKind.OnNext);
            return shared.Merge(silence.TakeUntil(ended));
        });
    }
}
