using Streams.Framing;

namespace Streams.Devices.Eg4Legacy;

internal sealed class Eg4LegacyChunkFramer : IChunkFramer<Eg4LegacyFrame>
{
    public int MaxFrameLength => Eg4LegacyFramer.MaxFrameLength;

    public bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
        Eg4LegacyFramer.TryRead(buffer, endOfStream, out consumed, out frame);

    public Eg4LegacyFrame Accept(ReadOnlySpan<byte> frame) => Eg4LegacyFrame.CopyOf(frame);

    // Without a known checksum there is no such thing as a damaged frame, only broken structure.
    public bool IsDamagedFrameAt(ReadOnlySpan<byte> following) => false;
}
