using System.Buffers.Binary;

namespace Streams.Devices.Jbd;

/// <summary>
/// Byte layout shared by every JBD "DD … 77" frame (protocols.md §4):
/// <code>
/// 0 DD | 1 A5 (read) / 5A (write) / register echo (response) | 2 register (request) / status (response)
/// 3 len | 4 .. 4+len-1 data | 4+len chkHi | 5+len chkLo | 6+len 77
/// </code>
/// The checksum is <see cref="JbdChecksum"/> over bytes 2 .. 3+len in every kind.
/// </summary>
internal static class JbdLayout
{
    public const byte Start = 0xDD;

    public const byte End = 0x77;

    public const byte ReadMarker = 0xA5;

    public const byte WriteMarker = 0x5A;

    /// <summary>Start, byte 1, byte 2, len, two checksum bytes and the end marker.</summary>
    public const int Overhead = 7;

    public const int MaxFrameLength = Overhead + byte.MaxValue;

    /// <summary><c>DD byte1 byte2 len data chkHi chkLo 77</c> around <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">more than 255 data bytes.</exception>
    public static byte[] Build(byte byte1, byte byte2, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, byte.MaxValue);
        var frame = new byte[Overhead + data.Length];
        frame[0] = Start;
        frame[1] = byte1;
        frame[2] = byte2;
        frame[3] = (byte)data.Length;
        data.CopyTo(frame.AsSpan(4));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4 + data.Length), JbdChecksum.Expected(frame));
        frame[^1] = End;
        return frame;
    }

    public static JbdFrameKind KindOf(byte byte1) => byte1 switch
    {
        ReadMarker => JbdFrameKind.ReadRequest,
        WriteMarker => JbdFrameKind.WriteRequest,
        _ => JbdFrameKind.Response,
    };
}
