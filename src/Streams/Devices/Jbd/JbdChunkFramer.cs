using Streams.Framing;

namespace Streams.Devices.Jbd;

internal sealed class JbdChunkFramer : IChunkFramer<JbdFrame>
{
    public int MaxFrameLength => JbdFramer.MaxFrameLength;

    public bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
        JbdFramer.TryRead(buffer, endOfStream, out consumed, out frame);

    public JbdFrame Accept(ReadOnlySpan<byte> frame) => JbdFrame.CopyOf(frame);

    public bool IsDamagedFrameAt(ReadOnlySpan<byte> following) => JbdFramer.IsDamagedFrameAt(following);
}
