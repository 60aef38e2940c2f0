namespace Streams.Framing;

/// <summary>A snapshot of <see cref="FramingCounters"/>.</summary>
public readonly record struct FramingStatistics(long Frames, long DiscardedBytes, long ChecksumFailures);
