using System.Buffers.Binary;

namespace Streams.Devices.Jbd;

/// <summary>
/// The JBD "DD … 77" checksum: (0x10000 − sum of the summed bytes) &amp; 0xFFFF, sent big-endian.
/// The summed bytes are frame[2 .. 3+len]: in a request that starts with the register, in a
/// response with the status byte (the register echo at frame[1] is not summed).
/// </summary>
internal static class JbdChecksum
{
    public static ushort Compute(ReadOnlySpan<byte> summed)
    {
        var sum = 0;
        foreach (var b in summed)
        {
            sum += b;
        }

        return (ushort)((0x10000 - sum) & 0xFFFF);
    }

    /// <summary>The checksum a whole frame carries (its two bytes before the end marker).</summary>
    public static ushort Sent(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[^3..]);

    /// <summary>The checksum a whole frame should carry: over bytes 2 .. 3+len.</summary>
    public static ushort Expected(ReadOnlySpan<byte> frame) => Compute(frame[2..^3]);
}
