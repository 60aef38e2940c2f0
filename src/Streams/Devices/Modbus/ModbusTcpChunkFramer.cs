using System.Buffers.Binary;
using Streams.Framing;

namespace Streams.Devices.Modbus;

/// <summary>The Modbus TCP framer as the framing operator drives it; emits each frame in the RTU frame model with its transaction id.</summary>
internal sealed class ModbusTcpChunkFramer : IChunkFramer<ModbusFrame>
{
    private ModbusFrameKind _kind;

    public int MaxFrameLength => ModbusTcpFramer.MaxFrameLength;

    public bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
        ModbusTcpFramer.TryRead(buffer, endOfStream, out consumed, out frame, out _kind);

    public ModbusFrame Accept(ReadOnlySpan<byte> frame) =>
        ModbusFrame.FromModbusTcp(BinaryPrimitives.ReadUInt16BigEndian(frame), frame[ModbusTcpLayout.PrefixLength..], _kind);

    /// <summary>Never: without a checksum, damage cannot be told from noise.</summary>
    public bool IsDamagedFrameAt(ReadOnlySpan<byte> following) => false;
}
