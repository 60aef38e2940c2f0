using System.Buffers.Binary;
using Streams.Devices.Modbus;

namespace Streams.Tests.Support;

/// <summary>Builds valid fn 0x03 frames for tests (the request side uses the product's builder).</summary>
internal static class ModbusFrames
{
    public static byte[] Query(byte address, ushort start, ushort count) => ModbusReadRequest.Create(address, start, count);

    public static byte[] Response(byte address, params ushort[] registers)
    {
        var frame = new byte[ModbusRtuLayout.ResponseOverhead + (2 * registers.Length)];
        frame[0] = address;
        frame[1] = ModbusRtuLayout.ReadHoldingRegisters;
        frame[2] = (byte)(2 * registers.Length);
        for (var i = 0; i < registers.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3 + (2 * i)), registers[i]);
        }

        ModbusCrc16.Write(frame.AsSpan(0, frame.Length - 2), frame.AsSpan(frame.Length - 2));
        return frame;
    }

    public static byte[] Exception(byte address, byte code)
    {
        var frame = new byte[] { address, ModbusRtuLayout.ReadHoldingRegistersException, code, 0, 0 };
        ModbusCrc16.Write(frame.AsSpan(0, 3), frame.AsSpan(3));
        return frame;
    }

    public static byte[] WithFlippedCrc(byte[] frame)
    {
        var damaged = (byte[])frame.Clone();
        damaged[^1] ^= 0x01;
        return damaged;
    }
}
