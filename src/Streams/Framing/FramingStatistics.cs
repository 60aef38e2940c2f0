namespace Streams.Framing;

/// <summary>A snapshot of <see cref="FramingCounters"/>.</summary>
internal readonly record struct FramingStatistics(long Frames, long DiscardedBytes, long ChecksumFailures);
