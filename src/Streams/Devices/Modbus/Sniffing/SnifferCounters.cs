using Streams.Framing;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// Running totals of a passive Modbus sniffer: its framing counts plus its pairing counts. Safe to
/// read from another thread while the pipeline runs; survives resubscription.
/// </summary>
internal sealed class SnifferCounters
{
    private long _queries;
    private long _responses;
    private long _pairedReads;
    private long _unpairedResponses;
    private long _byteCountMismatches;
    private long _exceptions;
    private long _unansweredQueries;

    /// <summary>Pass these to the framing operator so the snapshot includes CRC failures and discarded bytes.</summary>
    public FramingCounters Framing { get; } = new();

    public SnifferStatistics Snapshot() => new(
        Interlocked.Read(ref _queries),
        Interlocked.Read(ref _responses),
        Interlocked.Read(ref _pairedReads),
        Interlocked.Read(ref _unpairedResponses),
        Interlocked.Read(ref _byteCountMismatches),
        Interlocked.Read(ref _exceptions),
        Interlocked.Read(ref _unansweredQueries),
        Framing.ChecksumFailures,
        Framing.DiscardedBytes);

    internal void AddQuery() => Interlocked.Increment(ref _queries);

    internal void AddResponse() => Interlocked.Increment(ref _responses);

    internal void AddPairedRead() => Interlocked.Increment(ref _pairedReads);

    internal void AddUnpairedResponse() => Interlocked.Increment(ref _unpairedResponses);

    internal void AddByteCountMismatch() => Interlocked.Increment(ref _byteCountMismatches);

    internal void AddException() => Interlocked.Increment(ref _exceptions);

    internal void AddUnansweredQuery() => Interlocked.Increment(ref _unansweredQueries);
}
