using System.Reactive.Linq;

namespace Streams.Framing;

/// <summary>
/// The one Rx operator behind every protocol's framing operator: cuts a stream of received byte
/// chunks into frames with a pure <see cref="IChunkFramer{TFrame}"/>. Each subscription keeps its
/// own framer and bounded reassembly buffer (the longest frame plus 4 KiB); every frame is an owned
/// copy, so it stays valid however long downstream keeps it. Garbage is skipped and counted, never thrown.
/// </summary>
/// <remarks>
/// <code>
/// chunks   : -[01 03 00 13]-[00 10 B5 C3 01 03 20 …]-[… 70 C0 FF]-|
/// frames   : ---------------[query 0x01]--------------[response 0x01]---|   (FF counted as discarded)
/// </code>
/// Source errors pass through unchanged. At completion, bytes still waiting for the rest of a frame
/// are counted as discarded.
/// </remarks>
internal static class FramingExtensions
{
    /// <param name="chunks">Received bytes, cut anywhere.</param>
    /// <param name="createFramer">A new framer per subscription.</param>
    /// <param name="counters">Receives frame, discarded-byte and checksum-failure counts; may be shared.</param>
    public static IObservable<TFrame> Frame<TFrame>(
        this IObservable<ReadOnlyMemory<byte>> chunks,
        Func<IChunkFramer<TFrame>> createFramer,
        FramingCounters? counters)
        where TFrame : class
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(createFramer);
        var totals = counters ?? new FramingCounters();
        return Observable.Create<TFrame>(observer =>
        {
            var assembler = new FrameAssembler<TFrame>(createFramer(), totals, observer);
            return chunks.Subscribe(assembler.Push, assembler.Fail, assembler.Complete);
        });
    }
}
