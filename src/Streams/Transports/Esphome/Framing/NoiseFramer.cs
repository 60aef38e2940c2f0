using System.Buffers.Binary;

namespace Streams.Transports.Esphome.Framing;

/// <summary>
/// ESPHome's Noise frames: <c>0x01</c>, a 16-bit big-endian length, that many bytes (a handshake
/// message or a ciphertext). Inside a ciphertext: a 16-bit type, a 16-bit length, the payload (see
/// <see cref="NoiseMessage"/>). Pure functions over spans.
/// </summary>
internal static class NoiseFramer
{
    public const byte Indicator = 0x01;

    public const int HeaderLength = 3;

    public const int MaxPayloadLength = ushort.MaxValue;

    /// <summary>Reads the frame at the start of <paramref name="buffer"/>. Never throws.</summary>
    public static FrameRead TryRead(ReadOnlySpan<byte> buffer, out int consumed, out Range payload, out FrameFault fault)
    {
        consumed = 0;
        payload = default;
        fault = FrameFault.None;
        if (buffer.IsEmpty)
        {
            return FrameRead.NeedMore;
        }

        if (buffer[0] != Indicator)
        {
            fault = buffer[0] == PlaintextFramer.Indicator ? FrameFault.PlaintextExpected : FrameFault.BadIndicator;
            return FrameRead.Invalid;
        }

        if (buffer.Length < HeaderLength)
        {
            return FrameRead.NeedMore;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..HeaderLength]);
        if (buffer.Length - HeaderLength < length)
        {
            return FrameRead.NeedMore;
        }

        payload = new Range(HeaderLength, HeaderLength + length);
        consumed = HeaderLength + length;
        return FrameRead.Frame;
    }

    /// <summary>One frame around <paramref name="payload"/>.</summary>
    public static byte[] Write(ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayloadLength);
        var frame = new byte[HeaderLength + payload.Length];
        frame[0] = Indicator;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1), (ushort)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }
}
