namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// Byte layout of the EG4 LifePower (v1) "7E … 0D" frames (protocols.md §3):
/// <code>
/// 0 7E | 1 addr | 2 cmd | 3 len | 4 .. 4+len-1 body | 4+len chk | 5+len 0D      (total = len + 6)
/// body of a reply = 10 groups, each: typeId | count | count × uint16 BE
/// </code>
/// A request has len 0. The checksum algorithm is unknown, so it is carried, not checked.
/// </summary>
internal static class Eg4LegacyLayout
{
    public const byte Start = 0x7E;

    public const byte End = 0x0D;

    /// <summary>Start, address, command, len, checksum and end marker.</summary>
    public const int Overhead = 6;

    /// <summary>The command whose replies carry the ten groups (general status).</summary>
    public const byte GeneralStatus = 0x01;

    public const int GroupCount = 10;

    /// <summary>A group's type id and count bytes.</summary>
    public const int GroupHeaderLength = 2;

    /// <summary>Ten empty groups.</summary>
    public const int MinReplyBodyLength = GroupCount * GroupHeaderLength;

    public const int MaxFrameLength = Overhead + byte.MaxValue;

    /// <summary>A request carries no body: <c>7E addr cmd 00 chk 0D</c>.</summary>
    public const int RequestLength = Overhead;

    /// <summary>Start, address, command and len before the body.</summary>
    public const int HeaderLength = 4;

    /// <summary>Group 0 holds the cells; their top bits are flags.</summary>
    public const ushort CellMask = 0x3FFF;

    /// <summary>Cell slots of a pack.</summary>
    public const int MaxCells = 16;

    /// <summary>Temperature words of group 4 that are published.</summary>
    public const int SensorCount = 6;

    /// <summary>Group 1 is (30000 − current × 100).</summary>
    public const int CurrentOffset = 30000;

    /// <summary>Group 4 words are (°C + 50) in their low byte.</summary>
    public const int TemperatureOffset = 50;
}
