namespace Streams.Framing;

/// <summary>
/// Running totals of one framing operator (or several sharing it), safe to read from another
/// thread while the pipeline runs. Totals survive resubscription, so they can span reconnects.
/// </summary>
/// <remarks>
/// <see cref="ChecksumFailures"/> counts only unambiguous damage: bytes right after an accepted frame
/// (or at the start of the stream) that form, complete, exactly the frame the protocol expects there
/// (for Modbus: the reply to the query just seen, or a query after a reply) but fail the CRC or
/// checksum. Shapes that fail their CRC elsewhere are indistinguishable from noise and are only
/// counted in <see cref="DiscardedBytes"/>.
/// </remarks>
internal sealed class FramingCounters
{
    private long _frames;
    private long _discardedBytes;
    private long _checksumFailures;

    /// <summary>Frames accepted, including frames the operator recognised but does not emit.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Bytes that belonged to no frame (noise, damaged frames, frames cut off at the end).</summary>
    public long DiscardedBytes => Interlocked.Read(ref _discardedBytes);

    /// <summary>Damaged frames found where a frame was expected (see remarks).</summary>
    public long ChecksumFailures => Interlocked.Read(ref _checksumFailures);

    public FramingStatistics Snapshot() => new(Frames, DiscardedBytes, ChecksumFailures);

    internal void AddFrame() => Interlocked.Increment(ref _frames);

    internal void AddDiscarded(int bytes) => Interlocked.Add(ref _discardedBytes, bytes);

    internal void AddChecksumFailure() => Interlocked.Increment(ref _checksumFailures);
}
