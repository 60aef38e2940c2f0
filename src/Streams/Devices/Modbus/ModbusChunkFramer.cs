using Streams.Framing;

namespace Streams.Devices.Modbus;

internal sealed class ModbusChunkFramer : IChunkFramer<ModbusFrame>
{
    private LastModbusFrame _last;
    private ModbusFrameKind _kind;

    public int MaxFrameLength => ModbusRtuScanner.MaxFrameLength;

    public bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
        ModbusRtuScanner.TryRead(buffer, endOfStream, out consumed, out frame, out _kind);

    public ModbusFrame Accept(ReadOnlySpan<byte> frame)
    {
        _last = LastModbusFrame.Of(frame, _kind);
        return ModbusFrame.CopyOf(frame, _kind);
    }

    public bool IsDamagedFrameAt(ReadOnlySpan<byte> following) =>
        ModbusRtuScanner.IsDamagedFrameAt(following, _last);
}
