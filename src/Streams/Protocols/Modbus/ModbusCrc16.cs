using System.Buffers.Binary;

namespace Streams.Protocols.Modbus;

/// <summary>
/// CRC-16/MODBUS (init 0xFFFF, reflected polynomial 0xA001), table-driven. On the wire the CRC
/// follows the frame low byte first.
/// </summary>
public static class ModbusCrc16
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }

    /// <summary>True when the last two bytes of <paramref name="frame"/> are the CRC of the rest.</summary>
    public static bool IsValidFrame(ReadOnlySpan<byte> frame) =>
        frame.Length >= 3
        && Compute(frame[..^2]) == BinaryPrimitives.ReadUInt16LittleEndian(frame[^2..]);

    /// <summary>Writes the CRC of <paramref name="body"/> into <paramref name="destination"/> (2 bytes, low first).</summary>
    public static void Write(ReadOnlySpan<byte> body, Span<byte> destination) =>
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Compute(body));

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
