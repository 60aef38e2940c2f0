using System.Buffers.Binary;

namespace Streams.Devices.Modbus;

/// <summary>
/// CRC-16/MODBUS (init 0xFFFF, reflected polynomial 0xA001). On the wire the CRC follows the frame
/// low byte first.
/// </summary>
/// <remarks>
/// The sniffer checks a CRC at almost every offset of a busy bus, so this is the hot loop. It reads
/// eight bytes per step ("slicing-by-8"): table k holds the effect of a byte followed by k zero
/// bytes, so the eight lookups of one step are independent and the register is touched once.
/// Only the first two bytes of a step meet the 16-bit register; the rest index their tables directly.
/// </remarks>
internal static class ModbusCrc16
{
    private const int Slices = 8;
    private static readonly ushort[] Tables = BuildTables();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var tables = Tables.AsSpan();
        uint crc = 0xFFFF;
        while (data.Length >= Slices)
        {
            var low = (crc ^ data[0]) & 0xFF;
            var high = ((crc >> 8) ^ data[1]) & 0xFF;
            crc = (uint)(tables[(7 * 256) + (int)low]
                ^ tables[(6 * 256) + (int)high]
                ^ tables[(5 * 256) + data[2]]
                ^ tables[(4 * 256) + data[3]]
                ^ tables[(3 * 256) + data[4]]
                ^ tables[(2 * 256) + data[5]]
                ^ tables[256 + data[6]]
                ^ tables[data[7]]);
            data = data[Slices..];
        }

        foreach (var b in data)
        {
            crc = (crc >> 8) ^ tables[(int)((crc ^ b) & 0xFF)];
        }

        return (ushort)crc;
    }

    /// <summary>True when the last two bytes of <paramref name="frame"/> are the CRC of the rest.</summary>
    public static bool IsValidFrame(ReadOnlySpan<byte> frame) =>
        frame.Length >= 3
        && Compute(frame[..^2]) == BinaryPrimitives.ReadUInt16LittleEndian(frame[^2..]);

    /// <summary>Writes the CRC of <paramref name="body"/> into <paramref name="destination"/> (2 bytes, low first).</summary>
    public static void Write(ReadOnlySpan<byte> body, Span<byte> destination) =>
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Compute(body));

    private static ushort[] BuildTables()
    {
        var tables = new ushort[Slices * 256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }

            tables[i] = crc;
        }

        for (var slice = 1; slice < Slices; slice++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[((slice - 1) * 256) + i];
                tables[(slice * 256) + i] = (ushort)((previous >> 8) ^ tables[previous & 0xFF]);
            }
        }

        return tables;
    }
}
