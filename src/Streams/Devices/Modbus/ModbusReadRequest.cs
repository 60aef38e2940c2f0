using System.Buffers.Binary;

namespace Streams.Devices.Modbus;

/// <summary>Builds the 8-byte fn 0x03 (read holding registers) query.</summary>
internal static class ModbusReadRequest
{
    /// <summary>
    /// Writes <c>addr 03 startHi startLo countHi countLo crcLo crcHi</c> into the first 8 bytes of
    /// <paramref name="destination"/> and returns 8. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The address is not 1..247, the count is not 1..125, or the registers run past 0xFFFF.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 8 bytes.</exception>
    public static int Write(Span<byte> destination, byte address, ushort startRegister, ushort registerCount)
    {
        Validate(address, startRegister, registerCount);
        if (destination.Length < ModbusRtuLayout.QueryLength)
        {
            throw new ArgumentException(
                $"A read request needs {ModbusRtuLayout.QueryLength} bytes, the destination has {destination.Length}.",
                nameof(destination));
        }

        destination[0] = address;
        destination[1] = ModbusRtuLayout.ReadHoldingRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], startRegister);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], registerCount);
        ModbusCrc16.Write(destination[..6], destination[6..8]);
        return ModbusRtuLayout.QueryLength;
    }

    /// <summary>The same request as a new 8-byte array.</summary>
    public static byte[] Create(byte address, ushort startRegister, ushort registerCount)
    {
        var request = new byte[ModbusRtuLayout.QueryLength];
        Write(request, address, startRegister, registerCount);
        return request;
    }

    private static void Validate(byte address, ushort startRegister, ushort registerCount)
    {
        if (!ModbusRtuLayout.IsUnitAddress(address))
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, "A Modbus unit address is 1..247.");
        }

        if (!ModbusRtuLayout.IsRegisterCount(registerCount))
        {
            throw new ArgumentOutOfRangeException(nameof(registerCount), registerCount, "fn 0x03 reads 1..125 registers.");
        }

        if (startRegister + registerCount > 0x10000)
        {
            throw new ArgumentOutOfRangeException(nameof(registerCount), registerCount, "The registers run past 0xFFFF.");
        }
    }
}
