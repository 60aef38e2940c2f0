namespace Streams.Devices.Eg4Legacy;

/// <summary>The two "7E … 0D" frame kinds of the EG4 LifePower (v1) protocol.</summary>
internal enum Eg4LegacyFrameKind
{
    /// <summary><c>7E addr cmd 00 chk 0D</c> (6 bytes).</summary>
    Request,

    /// <summary><c>7E addr cmd len [10 groups] chk 0D</c> (len + 6 bytes).</summary>
    Reply,
}
