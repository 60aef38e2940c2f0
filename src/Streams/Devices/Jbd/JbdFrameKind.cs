namespace Streams.Devices.Jbd;

/// <summary>The three "DD … 77" frame kinds, told apart by byte 1.</summary>
internal enum JbdFrameKind
{
    /// <summary><c>DD A5 reg len data chkHi chkLo 77</c> (len is 0 for the usual reads).</summary>
    ReadRequest,

    /// <summary><c>DD 5A reg len data chkHi chkLo 77</c>.</summary>
    WriteRequest,

    /// <summary><c>DD reg status len data chkHi chkLo 77</c>; status 0x00 = OK, 0x80 = error.</summary>
    Response,
}
