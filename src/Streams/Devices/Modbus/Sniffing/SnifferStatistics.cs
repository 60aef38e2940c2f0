namespace Streams.Devices.Modbus.Sniffing;

/// <summary>A snapshot of <see cref="SnifferCounters"/>, for diagnostic fields and logs.</summary>
/// <param name="Queries">Fn 0x03 queries seen.</param>
/// <param name="Responses">Fn 0x03 responses seen (paired or not).</param>
/// <param name="PairedReads">Responses paired with their query and emitted.</param>
/// <param name="UnpairedResponses">Responses with no outstanding query from the same address.</param>
/// <param name="ByteCountMismatches">Responses whose byte count is not 2 × the outstanding query's count.</param>
/// <param name="Exceptions">Exception responses (0x83) seen.</param>
/// <param name="UnansweredQueries">Queries followed by another query before any answer.</param>
/// <param name="CrcFailures">Damaged frames where a frame was expected (see <see cref="Framing.FramingCounters"/>).</param>
/// <param name="DiscardedBytes">Bytes that belonged to no frame.</param>
internal sealed record SnifferStatistics(
    long Queries,
    long Responses,
    long PairedReads,
    long UnpairedResponses,
    long ByteCountMismatches,
    long Exceptions,
    long UnansweredQueries,
    long CrcFailures,
    long DiscardedBytes);
