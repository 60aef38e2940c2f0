namespace Streams.Sources.DBus;

/// <summary>The flags byte of the header.</summary>
[Flags]
public enum DBusMessageFlags : byte
{
    None = 0,
    NoReplyExpected = 1,
    NoAutoStart = 2,
    AllowInteractiveAuthorization = 4,
}
