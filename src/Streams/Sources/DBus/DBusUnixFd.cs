namespace Streams.Sources.DBus;

/// <summary>A D-Bus UNIX_FD (<c>h</c>): an index into the message's out-of-band descriptors (this client never passes descriptors).</summary>
public sealed record DBusUnixFd(uint Value) : DBusValue
{
    public override DBusType Type => DBusType.UnixFd;
}
