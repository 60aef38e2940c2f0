using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Core;

namespace Streams.Composition;

/// <summary>
/// Gives back the memory start-up leaves behind, after the second poll cycle, and keeps it given back
/// with one more collection every <see cref="Every"/> cycles. Loading the
/// configuration, parsing the command line, announcing every pack to Home Assistant and (in the
/// Native AOT binary) the runtime type loader building the generic dictionaries behind System.Reactive's
/// operators leave ~6 MB of dead objects that survive into generation 2. With a 512 KiB gen0 budget a
/// full collection comes late, and the regions stay committed and resident (measured: RssAnon
/// 15.2 → 8.7 MB with 16 packs). Once is not enough: objects that live across a few gen0
/// collections (a cycle's readings and messages) pile up in gen1 and gen2 again, and with only
/// the one collection the bridge was back at 26.5 MB after 10 minutes (base 27.3). Every minute
/// (6 cycles at 10 s) it stays lower: 24.1 MB against 26.8 MB after 10 minutes (bench/native-aot.md),
/// the heap ~2 MB live, a collection a few milliseconds.
/// </summary>
internal static class HeapRelease
{
    /// <summary>How long after the second cycle's last poll: its readings have left by then.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>Cycles between two collections after the first: a minute at the default 10 s cadence.</summary>
    public const int Every = 6;

    /// <summary>
    /// After 2 × <paramref name="packs"/> polls (two cycles) and <see cref="Settle"/>, runs <paramref name="release"/>,
    /// then again every <see cref="Every"/> × <paramref name="packs"/> polls, on <paramref name="scheduler"/>
    /// (not on a source's thread); emits nothing, ends with the polls.
    /// The second cycle, not the first: the first one's one-off reads (firmware, hardware version) and
    /// the discovery messages still allocate after its last poll (measured: collecting 2 s after the
    /// first cycle left RssAnon at 12.4 MB, after the second at 8.7 MB).
    /// </summary>
    public static IObservable<Unit> Regularly(IObservable<PackPoll> polls, int packs, IScheduler scheduler, Action release)
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(release);
        var first = (2 * Math.Max(packs, 1)) - 1;
        var period = Every * Math.Max(packs, 1);
        return polls
            .Select(static (_, index) => index)
            .Where(index => index >= first && (index - first) % period == 0)
            .Delay(Settle, scheduler)
            .Do(_ => release())
            .IgnoreElements()
            .Select(static _ => Unit.Default);
    }

    /// <summary>
    /// A blocking, compacting full collection in aggressive mode: the emptied regions are decommitted
    /// at once (a normal one keeps them committed for reuse).
    /// </summary>
    public static void Collect() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
