using System.Buffers.Binary;

namespace Streams.Devices.Modbus;

/// <summary>Builds the fn 0x03 replies a simulated slave sends (the queries are <see cref="ModbusReadRequest"/>).</summary>
internal static class ModbusResponses
{
    /// <summary><c>addr fn byteCount data crcLo crcHi</c> carrying <paramref name="registers"/> big-endian.</summary>
    /// <exception cref="ArgumentOutOfRangeException">no registers, or more than 125.</exception>
    public static byte[] Registers(byte address, ReadOnlySpan<ushort> registers, byte function = ModbusRtuLayout.ReadHoldingRegisters)
    {
        ArgumentOutOfRangeException.ThrowIfZero(registers.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(registers.Length, ModbusRtuLayout.MaxRegisterCount);
        var byteCount = registers.Length * 2;
        var frame = new byte[ModbusRtuLayout.ResponseOverhead + byteCount];
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
    public static byte[] Exception(byte address, byte code, byte function = ModbusRtuLayout.ReadHoldingRegisters)
    {
        var frame = new byte[] { address, (byte)(function | ModbusRtuLayout.ExceptionFlag), code, 0, 0 };
        ModbusCrc16.Write(frame.AsSpan(0, 3), frame.AsSpan(3));
        return frame;
    }
}
