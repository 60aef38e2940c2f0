namespace Streams.Framing;

/// <summary>One protocol's framer as the framing operators drive it; one instance per subscription.</summary>
internal interface IChunkFramer<out TFrame>
    where TFrame : class
{
    int MaxFrameLength { get; }

    bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame);

    /// <summary>Takes note of the frame just found and returns an owned copy to emit, or null to emit nothing.</summary>
    TFrame? Accept(ReadOnlySpan<byte> frame);

    /// <summary>Whether the bytes right after the last frame are a damaged frame (see <see cref="FramingCounters"/>).</summary>
    bool IsDamagedFrameAt(ReadOnlySpan<byte> following);
}
