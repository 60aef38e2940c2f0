namespace Streams.Devices.Jbd;

/// <summary>
/// Byte layout shared by every JBD "DD … 77" frame (protocols.md §4):
/// <code>
/// 0 DD | 1 A5 (read) / 5A (write) / register echo (response) | 2 register (request) / status (response)
/// 3 len | 4 .. 4+len-1 data | 4+len chkHi | 5+len chkLo | 6+len 77
/// </code>
/// The checksum is <see cref="JbdChecksum"/> over bytes 2 .. 3+len in every kind.
/// </summary>
public static class JbdLayout
{
    public const byte Start = 0xDD;

    public const byte End = 0x77;

    public const byte ReadMarker = 0xA5;

    public const byte WriteMarker = 0x5A;

    /// <summary>Start, byte 1, byte 2, len, two checksum bytes and the end marker.</summary>
    public const int Overhead = 7;

    public const int MaxFrameLength = Overhead + byte.MaxValue;

    public static JbdFrameKind KindOf(byte byte1) => byte1 switch
    {
        ReadMarker => JbdFrameKind.ReadRequest,
        WriteMarker => JbdFrameKind.WriteRequest,
        _ => JbdFrameKind.Response,
    };
}
