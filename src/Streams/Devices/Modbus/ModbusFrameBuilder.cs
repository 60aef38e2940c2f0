using System.Buffers.Binary;

namespace Streams.Devices.Modbus;

/// <summary>Builds Modbus RTU register-read frames (queries, and the replies a simulated slave sends).</summary>
public static class ModbusFrameBuilder
{
    public const byte ReadHoldingRegistersFunction = 0x03;

    /// <summary>The most registers one 0x03 response can carry (byte count ≤ 250).</summary>
    public const int MaxRegistersPerRead = 125;

    /// <summary><c>addr 03 startHi startLo countHi countLo crcLo crcHi</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is 0 or more than 125.</exception>
    public static byte[] ReadHoldingRegisters(byte address, ushort startRegister, ushort count)
    {
        ArgumentOutOfRangeException.ThrowIfZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, (ushort)MaxRegistersPerRead);
        var frame = new byte[8];
        frame[0] = address;
        frame[1] = ReadHoldingRegistersFunction;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), startRegister);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), count);
        ModbusCrc16.Write(frame.AsSpan(0, 6), frame.AsSpan(6));
        return frame;
    }

    /// <summary><c>addr fn byteCount data crcLo crcHi</c> carrying <paramref name="registers"/> big-endian.</summary>
    /// <exception cref="ArgumentOutOfRangeException">no registers, or more than 125.</exception>
    public static byte[] RegistersResponse(byte address, ReadOnlySpan<ushort> registers, byte function = ReadHoldingRegistersFunction)
    {
        ArgumentOutOfRangeException.ThrowIfZero(registers.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(registers.Length, MaxRegistersPerRead);
        var byteCount = registers.Length * 2;
        var frame = new byte[5 + byteCount];
        frame[0] = address;
        frame[1] = function;
        frame[2] = (byte)byteCount;
        for (var i = 0; i < registers.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3 + (2 * i)), registers[i]);
        }

        ModbusCrc16.Write(frame.AsSpan(0, 3 + byteCount), frame.AsSpan(3 + byteCount));
        return frame;
    }

    /// <summary><c>addr fn|0x80 code crcLo crcHi</c>.</summary>
    public static byte[] ExceptionResponse(byte address, byte function, byte code)
    {
        var frame = new byte[] { address, (byte)(function | 0x80), code, 0, 0 };
        ModbusCrc16.Write(frame.AsSpan(0, 3), frame.AsSpan(3));
        return frame;
    }
}
