using System.Buffers.Binary;
using Streams.Core;

namespace Streams.Devices.Modbus;

/// <summary>
/// Decodes one complete Modbus RTU frame of a register read. Layouts (CRC low byte first):
/// <code>
/// query     : addr fn startHi startLo countHi countLo crcLo crcHi   (8 bytes)
/// response  : addr fn byteCount data[byteCount] crcLo crcHi         (5 + byteCount, byteCount even)
/// exception : addr fn|0x80 code crcLo crcHi                         (5 bytes)
/// </code>
/// An 8-byte frame is a query: a response of that length would need an odd byte count.
/// </summary>
public static class ModbusMessageDecoder
{
    public static DecodeResult<ModbusMessage> Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 5)
        {
            return Fail(DecodeErrorKind.Truncated, $"Modbus frame too short: {frame.Length} bytes, at least 5 needed");
        }

        var crc = BinaryPrimitives.ReadUInt16LittleEndian(frame[^2..]);
        var computed = ModbusCrc16.Compute(frame[..^2]);
        if (crc != computed)
        {
            return Fail(DecodeErrorKind.BadChecksum, $"Modbus CRC mismatch: frame says 0x{crc:X4}, computed 0x{computed:X4}");
        }

        var address = frame[0];
        var function = frame[1];
        if ((function & 0x80) != 0)
        {
            return frame.Length == 5
                ? new ModbusMessage(ModbusMessageKind.Exception, address, function, crc, ExceptionCode: frame[2])
                : Fail(DecodeErrorKind.BadFraming, $"Modbus exception frame must be 5 bytes, got {frame.Length}");
        }

        if (function is not (0x03 or 0x04))
        {
            return Fail(DecodeErrorKind.UnexpectedReply, $"Modbus function 0x{function:X2} is not a register read");
        }

        var byteCount = frame[2];
        if (frame.Length == 5 + byteCount && byteCount % 2 == 0 && byteCount > 0)
        {
            return new ModbusMessage(
                ModbusMessageKind.Response, address, function, crc, Registers: ReadRegisters(frame.Slice(3, byteCount)));
        }

        if (frame.Length == 8)
        {
            return new ModbusMessage(
                ModbusMessageKind.Query,
                address,
                function,
                crc,
                StartRegister: BinaryPrimitives.ReadUInt16BigEndian(frame[2..]),
                Count: BinaryPrimitives.ReadUInt16BigEndian(frame[4..]));
        }

        return Fail(
            DecodeErrorKind.BadFraming,
            $"Modbus frame of {frame.Length} bytes is neither a query (8) nor a response (5 + byte count {byteCount})");
    }

    /// <summary>Big-endian 16-bit registers from a response's data bytes (an odd last byte is ignored).</summary>
    public static ushort[] ReadRegisters(ReadOnlySpan<byte> data)
    {
        var registers = new ushort[data.Length / 2];
        for (var i = 0; i < registers.Length; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(2 * i)..]);
        }

        return registers;
    }

    private static DecodeError Fail(DecodeErrorKind kind, string message) => new(kind, message);
}
