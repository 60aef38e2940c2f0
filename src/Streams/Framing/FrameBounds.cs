namespace Streams.Framing;

/// <summary>Where a framer found a frame inside the buffer it was given.</summary>
internal readonly record struct FrameBounds(int Start, int Length)
{
    /// <summary>The offset just past the frame.</summary>
    public int End => Start + Length;
}
