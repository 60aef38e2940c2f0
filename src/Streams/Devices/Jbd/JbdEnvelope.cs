using System.Buffers.Binary;
using Streams.Core;

namespace Streams.Devices.Jbd;

/// <summary>
/// The shared envelope of JBD frames, requests and responses alike:
/// <code>
/// DD b1 b2 len data[len] chkHi chkLo 77     chk = JbdChecksum(bytes[2 .. 4+len])
/// request : b1 = A5 (read) or 5A (write), b2 = register
/// response: b1 = register echo,           b2 = status (00 ok, 80 error)
/// </code>
/// </summary>
internal static class JbdEnvelope
{
    public const byte Start = 0xDD;
    public const byte End = 0x77;
    public const byte ReadMarker = 0xA5;
    public const byte WriteMarker = 0x5A;
    public const int Overhead = 7;

    /// <summary>Checks markers, length and checksum; on success <paramref name="payload"/> is data[len].</summary>
    public static DecodeError? Validate(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (frame.Length < Overhead)
        {
            return new DecodeError(DecodeErrorKind.Truncated, $"JBD frame too short: {frame.Length} bytes, at least 7 needed");
        }

        if (frame[0] != Start || frame[^1] != End)
        {
            return new DecodeError(DecodeErrorKind.BadFraming, "JBD frame must start with DD and end with 77");
        }

        var length = frame[3];
        if (frame.Length != Overhead + length)
        {
            return new DecodeError(
                DecodeErrorKind.BadFraming,
                $"JBD length byte says {length} data bytes, frame holds {frame.Length - Overhead}");
        }

        var sent = BinaryPrimitives.ReadUInt16BigEndian(frame[(4 + length)..]);
        var computed = JbdChecksum.Compute(frame[2..(4 + length)]);
        if (sent != computed)
        {
            return new DecodeError(
                DecodeErrorKind.BadChecksum, $"JBD checksum mismatch: frame says 0x{sent:X4}, computed 0x{computed:X4}");
        }

        payload = frame.Slice(4, length);
        return null;
    }

    public static byte[] Build(byte marker, byte register, ReadOnlySpan<byte> data)
    {
        var frame = new byte[Overhead + data.Length];
        frame[0] = Start;
        frame[1] = marker;
        frame[2] = register;
        frame[3] = (byte)data.Length;
        data.CopyTo(frame.AsSpan(4));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4 + data.Length), JbdChecksum.Compute(frame.AsSpan(2, 2 + data.Length)));
        frame[^1] = End;
        return frame;
    }
}
