using System.Buffers.Binary;

namespace Streams.Devices.Modbus;

/// <summary>
/// What the scanner's caller remembers of the frame it accepted last: enough to know what must
/// follow it. <c>default</c> means no frame yet (the start of the stream).
/// </summary>
internal readonly struct LastModbusFrame
{
    private readonly bool _seen;

    private LastModbusFrame(ModbusFrameKind kind, byte address, int registerCount)
    {
        _seen = true;
        Kind = kind;
        Address = address;
        RegisterCount = registerCount;
    }

    public bool IsNone => !_seen;

    public ModbusFrameKind Kind { get; }

    public byte Address { get; }

    public int RegisterCount { get; }

    public bool IsQuery => _seen && Kind == ModbusFrameKind.Query;

    public static LastModbusFrame Of(ReadOnlySpan<byte> frame, ModbusFrameKind kind) =>
        new(kind, frame[0], kind == ModbusFrameKind.Query ? BinaryPrimitives.ReadUInt16BigEndian(frame[4..]) : 0);
}
