namespace Streams.Devices.Jbd;

/// <summary>
/// The JBD "DD … 77" checksum: (0x10000 − sum of the summed bytes) &amp; 0xFFFF, sent big-endian.
/// The summed bytes are frame[2 .. 3+len]: in a request that starts with the register, in a
/// response with the status byte (the register echo at frame[1] is not summed).
/// </summary>
public static class JbdChecksum
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
}
