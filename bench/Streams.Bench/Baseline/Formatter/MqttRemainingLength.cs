namespace Streams.Bench.Baseline.Formatter;

/// <summary>
/// The Remaining Length varint (§2.2.3): 7 bits per byte, least significant group first, high bit
/// = "more follows", at most four bytes.
/// </summary>
internal static class MqttRemainingLength
{
    /// <summary>Writes the minimal encoding of <paramref name="value"/>; returns its byte count (1..4).</summary>
    public static int Encode(int value, Span<byte> destination)
    {
        var count = 0;
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            if (value > 0)
            {
                digit |= 0x80;
            }

            destination[count++] = digit;
        }
        while (value > 0);

        return count;
    }

    /// <summary>Number of bytes the minimal encoding of <paramref name="value"/> takes.</summary>
    public static int SizeOf(int value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };
}
