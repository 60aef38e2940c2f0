using Streams.Devices.Modbus.Sniffing;

namespace Streams.Composition;

/// <summary>What a replay saw: bytes, frames by kind, damage, and the packs heard.</summary>
internal sealed record ReplaySummary(long Bytes, SnifferStatistics Sniffer, long Frames, IReadOnlyList<string> Packs, TimeSpan Elapsed)
{
    public double MegabytesPerSecond => Elapsed <= TimeSpan.Zero ? 0 : Bytes / 1e6 / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"replayed {Bytes} bytes in {Elapsed.TotalSeconds:0.00} s ({MegabytesPerSecond:0.0} MB/s): "
        + $"{Frames} frames ({Sniffer.Queries} queries, {Sniffer.Responses} responses, {Sniffer.Exceptions} exceptions), "
        + $"{Sniffer.PairedReads} paired reads, {Sniffer.UnpairedResponses} unpaired responses, "
        + $"{Sniffer.CrcFailures} CRC failures, {Sniffer.DiscardedBytes} bytes of noise; "
        + $"packs seen: {(Packs.Count == 0 ? "none" : string.Join(", ", Packs))}";
}
