namespace Streams.Transports.Esphome.Framing;

/// <summary>
/// ESPHome's plaintext frames: <c>0x00</c>, the payload length as a varint, the message type as a
/// varint, the protobuf payload. Pure functions over spans; the caller keeps the buffer.
/// </summary>
internal static class PlaintextFramer
{
    public const byte Indicator = 0x00;

    /// <summary>ESPHome sizes a message with 16 bits, so no longer payload is ever sent.</summary>
    public const int MaxPayloadLength = ushort.MaxValue;

    /// <summary>Longest varint for a value up to <see cref="MaxPayloadLength"/>: 3 bytes.</summary>
    private const int MaxVarintLength = 3;

    /// <summary>Reads the frame at the start of <paramref name="buffer"/>. Never throws.</summary>
    /// <param name="buffer">Received bytes; a frame boundary at offset 0.</param>
    /// <param name="consumed">The whole frame's length when one was read, else 0.</param>
    /// <param name="type">The message type.</param>
    /// <param name="payload">Where the payload lies in <paramref name="buffer"/>.</param>
    /// <param name="fault">Why the bytes are invalid, when they are.</param>
    public static FrameRead TryRead(ReadOnlySpan<byte> buffer, out int consumed, out uint type, out Range payload, out FrameFault fault)
    {
        consumed = 0;
        type = 0;
        payload = default;
        fault = FrameFault.None;
        if (buffer.IsEmpty)
        {
            return FrameRead.NeedMore;
        }

        if (buffer[0] != Indicator)
        {
            fault = buffer[0] == NoiseFramer.Indicator ? FrameFault.EncryptionExpected : FrameFault.BadIndicator;
            return FrameRead.Invalid;
        }

        var length = ReadVarint(buffer[1..], out var lengthBytes);
        if (length < 0 || length > MaxPayloadLength)
        {
            return Header(length, out fault);
        }

        var typeStart = 1 + lengthBytes;
        var rawType = ReadVarint(buffer[typeStart..], out var typeBytes);
        if (rawType < 0 || rawType > ushort.MaxValue)
        {
            return Header(rawType, out fault);
        }

        var payloadStart = typeStart + typeBytes;
        if (buffer.Length - payloadStart < length)
        {
            return FrameRead.NeedMore;
        }

        type = (uint)rawType;
        payload = new Range(payloadStart, payloadStart + (int)length);
        consumed = payloadStart + (int)length;
        return FrameRead.Frame;
    }

    /// <summary>One frame carrying <paramref name="payload"/> as message <paramref name="type"/>.</summary>
    public static byte[] Write(uint type, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayloadLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(type, (uint)ushort.MaxValue);
        var frame = new byte[1 + VarintLength((uint)payload.Length) + VarintLength(type) + payload.Length];
        frame[0] = Indicator;
        var at = WriteVarint(frame, 1, (uint)payload.Length);
        at = WriteVarint(frame, at, type);
        payload.CopyTo(frame.AsSpan(at));
        return frame;
    }

    private static FrameRead Header(long value, out FrameFault fault)
    {
        // -1: the varint is not complete yet; -2: it is longer than any ESPHome writes.
        fault = value == -1 ? FrameFault.None : FrameFault.BadHeader;
        return value == -1 ? FrameRead.NeedMore : FrameRead.Invalid;
    }

    /// <returns>The value; -1 when the varint is not complete yet; -2 when it runs past <see cref="MaxVarintLength"/> bytes.</returns>
    private static long ReadVarint(ReadOnlySpan<byte> bytes, out int length)
    {
        long value = 0;
        for (length = 0; length < MaxVarintLength; length++)
        {
            if (length == bytes.Length)
            {
                return -1;
            }

            value |= (long)(bytes[length] & 0x7F) << (7 * length);
            if ((bytes[length] & 0x80) == 0)
            {
                length++;
                return value;
            }
        }

        return -2;
    }

    private static int VarintLength(uint value) => value < 0x80 ? 1 : value < 0x4000 ? 2 : 3;

    private static int WriteVarint(byte[] frame, int at, uint value)
    {
        while (value >= 0x80)
        {
            frame[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        frame[at++] = (byte)value;
        return at;
    }
}
