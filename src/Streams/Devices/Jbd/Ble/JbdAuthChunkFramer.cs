using Streams.Framing;

namespace Streams.Devices.Jbd.Ble;

internal sealed class JbdAuthChunkFramer : IChunkFramer<JbdAuthFrame>
{
    public int MaxFrameLength => JbdAuthFramer.MaxFrameLength;

    public bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
        JbdAuthFramer.TryRead(buffer, endOfStream, out consumed, out frame);

    public JbdAuthFrame? Accept(ReadOnlySpan<byte> frame) =>
        JbdBleAuth.Decode(frame).TryGetValue(out var decoded, out _) ? decoded : null;

    public bool IsDamagedFrameAt(ReadOnlySpan<byte> following) => false;
}
