using Streams.Framing;

namespace Streams.Devices.Jbd.Ble;

/// <summary>
/// Finds <c>FF AA cmd len data[len] chk</c> frames of the JBD BLE password handshake
/// (<see cref="JbdBleAuth"/>) in a notification stream: length-driven, checksum checked. Pure and
/// allocation-free.
/// </summary>
public static class JbdAuthFramer
{
    /// <summary>Header, command, length and checksum around at most 255 data bytes.</summary>
    public const int MaxFrameLength = 5 + byte.MaxValue;

    private const int HeaderLength = 4;

    /// <summary>Looks for the first complete, valid handshake frame in <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Received bytes not yet consumed.</param>
    /// <param name="endOfStream">No more bytes will come: a frame cut short is garbage.</param>
    /// <param name="consumed">On true, the end of the frame; on false, how many leading bytes are garbage.</param>
    /// <param name="frame">The frame found.</param>
    public static bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame)
    {
        var offset = 0;
        while (offset < buffer.Length)
        {
            var hit = buffer[offset..].IndexOf(JbdBleAuth.Header0);
            if (hit < 0)
            {
                break;
            }

            offset += hit;
            var rest = buffer[offset..];
            if (rest.Length < HeaderLength || rest.Length < HeaderLength + rest[3] + 1)
            {
                if (endOfStream || (rest.Length >= 2 && rest[1] != JbdBleAuth.Header1))
                {
                    offset++;
                    continue;
                }

                frame = default;
                consumed = offset;
                return false;
            }

            var length = HeaderLength + rest[3] + 1;
            if (rest[1] == JbdBleAuth.Header1 && HasValidChecksum(rest[..length]))
            {
                frame = new FrameBounds(offset, length);
                consumed = frame.End;
                return true;
            }

            offset++;
        }

        frame = default;
        consumed = buffer.Length;
        return false;
    }

    private static bool HasValidChecksum(ReadOnlySpan<byte> frame)
    {
        var sum = 0;
        foreach (var b in frame[2..^1])
        {
            sum += b;
        }

        return (byte)sum == frame[^1];
    }
}
