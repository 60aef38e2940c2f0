using System.Buffers.Binary;
using Streams.Devices.Modbus;

namespace Streams.Bench.Framing;

/// <summary>Deterministic byte streams for the framing benchmarks.</summary>
internal static class BusTraffic
{
    private static readonly byte[] Packs = [0x01, 0x02, 0x03, 0x40];

    /// <summary>
    /// Back-to-back polling rounds as a sniffer sees them: per pack a 39-register query and reply,
    /// every fourth round also a 47-register read. Exactly <paramref name="length"/> bytes (the
    /// last frame may be cut).
    /// </summary>
    public static byte[] Clean(int length, int seed = 1)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        var position = 0;
        for (var round = 0; position < length; round++)
        {
            foreach (var pack in Packs)
            {
                var count = round % 4 == 3 ? (ushort)47 : (ushort)39;
                position += Append(bytes, position, ModbusReadRequest.Create(pack, 0, count));
                position += Append(bytes, position, Response(pack, count, random));
            }
        }

        return bytes;
    }

    public static byte[] Noise(int length, int seed = 2)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Clean traffic with each byte replaced by a random one with probability <paramref name="rate"/>.</summary>
    public static byte[] Corrupted(int length, double rate, int seed = 3)
    {
        var random = new Random(seed);
        var bytes = Clean(length, seed);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (random.NextDouble() < rate)
            {
                bytes[i] = (byte)random.Next(256);
            }
        }

        return bytes;
    }

    private static byte[] Response(byte address, ushort count, Random random)
    {
        var frame = new byte[ModbusRtuLayout.ResponseOverhead + (2 * count)];
        frame[0] = address;
        frame[1] = ModbusRtuLayout.ReadHoldingRegisters;
        frame[2] = (byte)(2 * count);
        for (var i = 0; i < count; i++)
        {
            // Register-like values: mostly small numbers, as cell voltages and flags are.
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3 + (2 * i)), (ushort)random.Next(0, 4000));
        }

        ModbusCrc16.Write(frame.AsSpan(0, frame.Length - 2), frame.AsSpan(frame.Length - 2));
        return frame;
    }

    private static int Append(byte[] destination, int position, byte[] frame)
    {
        var count = Math.Min(frame.Length, destination.Length - position);
        frame.AsSpan(0, count).CopyTo(destination.AsSpan(position));
        return count;
    }
}
