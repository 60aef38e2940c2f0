using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Core;
using Streams.Transports.Serial;

namespace Streams.Polling.Bus;

/// <summary>The loop every active poller shares: one connection per bus, its packs in turn, one cycle per interval.</summary>
internal static class PolledBus
{
    /// <summary>
    /// Shares <paramref name="statuses"/> (one port open), starts the first cycle once the first
    /// status is known (so a port that opens at once is not reported missing), and then runs
    /// <paramref name="packs"/>' polls one after the other every <paramref name="interval"/>.
    /// Per-pack state is created per subscription by <paramref name="packs"/>, so the result is cold.
    /// A fault of the status stream (not a device problem) ends the result with that error.
    /// </summary>
    public static IObservable<PackPoll> Run<TFrame>(
        IObservable<LinkStatus> statuses,
        BusSpec<TFrame> spec,
        TimeSpan interval,
        IScheduler scheduler,
        Func<BusConnection<TFrame>, IReadOnlyList<IObservable<PackPoll>>> packs)
        where TFrame : class =>
        statuses.Publish(shared => Observable.Using(
            () => new BusConnection<TFrame>(shared, spec, scheduler),
            bus =>
            {
                var cycle = packs(bus).Concat();
                return Observable.Merge(
                    shared.IgnoreElements().Select(static _ => default(PackPoll)!),
                    shared.Take(1).SelectMany(_ => cycle.RepeatEvery(interval, scheduler)));
            }));
}
