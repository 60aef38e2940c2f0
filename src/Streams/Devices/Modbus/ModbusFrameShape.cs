using System.Buffers.Binary;

namespace Streams.Devices.Modbus;

/// <summary>Whether a whole byte span has the shape (not the CRC) of one fn 0x03 frame.</summary>
internal static class ModbusFrameShape
{
    /// <summary>
    /// True when <paramref name="frame"/> is exactly a query (8 bytes, count 1..125), a response
    /// (5 + byteCount bytes, byteCount even 2..250) or an exception (5 bytes, code 1..11) from a
    /// unit address 1..247. The CRC is not checked here.
    /// </summary>
    public static bool TryClassify(ReadOnlySpan<byte> frame, out ModbusFrameKind kind)
    {
        kind = default;
        if (frame.Length < ModbusRtuLayout.ExceptionLength || !ModbusRtuLayout.IsUnitAddress(frame[0]))
        {
            return false;
        }

        switch (frame[1])
        {
            case ModbusRtuLayout.ReadHoldingRegistersException
                when frame.Length == ModbusRtuLayout.ExceptionLength && ModbusRtuLayout.IsExceptionCode(frame[2]):
                kind = ModbusFrameKind.Exception;
                return true;
            case ModbusRtuLayout.ReadHoldingRegisters
                when frame.Length == ModbusRtuLayout.QueryLength && IsQueryCount(frame):
                kind = ModbusFrameKind.Query;
                return true;
            case ModbusRtuLayout.ReadHoldingRegisters
                when frame.Length == ModbusRtuLayout.ResponseLength(frame[2]):
                kind = ModbusFrameKind.Response;
                return true;
            default:
                return false;
        }
    }

    internal static bool IsQueryCount(ReadOnlySpan<byte> query) =>
        ModbusRtuLayout.IsRegisterCount(BinaryPrimitives.ReadUInt16BigEndian(query[4..]));
}
