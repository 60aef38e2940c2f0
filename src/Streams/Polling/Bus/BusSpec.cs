using Streams.Framing;

namespace Streams.Polling.Bus;

/// <summary>One bus as a poller drives it: where, how its bytes become frames, and the silence between exchanges.</summary>
/// <param name="Port">The serial device path, for messages.</param>
/// <param name="Framing">Cuts received chunks into frames, counting into the options' framing counters.</param>
/// <param name="Gap">Silence kept between the end of one exchange and the next request.</param>
/// <param name="CapturePath">Capture file for the raw bytes, or null.</param>
/// <param name="Options">Log, trace flag, counters.</param>
/// <param name="Counters">Correlation totals of this bus.</param>
internal sealed record BusSpec<TFrame>(
    string Port,
    Func<IObservable<ReadOnlyMemory<byte>>, IObservable<TFrame>> Framing,
    TimeSpan Gap,
    string? CapturePath,
    PollerOptions Options,
    CorrelationCounters Counters)
    where TFrame : class
{
    /// <summary>
    /// A bus with the options' defaults applied: the options' counters (or fresh ones), and the
    /// source's own capture file before the global <c>--capture</c> one.
    /// </summary>
    public static BusSpec<TFrame> Create(
        BusOptions bus,
        Func<IObservable<ReadOnlyMemory<byte>>, FramingCounters, IObservable<TFrame>> framing,
        PollerOptions options)
    {
        var framingCounters = options.Framing ?? new FramingCounters();
        return new BusSpec<TFrame>(
            bus.Port,
            chunks => framing(chunks, framingCounters),
            bus.InterFrameGap,
            bus.CapturePath ?? options.CapturePath,
            options,
            options.Counters ?? new CorrelationCounters());
    }
}
