namespace Streams.Bench.Baseline.Formatter;

/// <summary>
/// Finds packet boundaries in a byte stream. Pure and allocation-free: "need more data" and
/// "malformed" are return values, never exceptions.
/// <code>
/// offset 0      type (4 bits) | flags (4 bits)
/// offset 1..4   Remaining Length, 7 bits per byte, bit 7 = more follows, at most 4 bytes
/// then          Remaining Length bytes of variable header + payload
/// </code>
/// </summary>
public static class MqttFramer
{
    private const int MaxLengthBytes = 4;

    public static MqttFrameStatus TryReadFrame(ReadOnlySpan<byte> buffer, out MqttFrame frame)
    {
        frame = default;
        if (buffer.Length < 2)
        {
            return MqttFrameStatus.NeedMoreData;
        }

        var remaining = 0;
        var multiplier = 1;
        for (var i = 1; ; i++)
        {
            if (i > MaxLengthBytes)
            {
                return MqttFrameStatus.Malformed;
            }

            if (i >= buffer.Length)
            {
                return MqttFrameStatus.NeedMoreData;
            }

            var digit = buffer[i];
            remaining += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0)
            {
                frame = new MqttFrame(buffer[0], i + 1, remaining);
                return buffer.Length - frame.HeaderLength >= remaining ? MqttFrameStatus.Complete : MqttFrameStatus.NeedMoreData;
            }
        }
    }
}
