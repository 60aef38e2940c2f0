namespace Streams.Sources.DBus;

/// <summary>The outcome of the bus's RequestName method.</summary>
public enum DBusRequestNameReply : uint
{
    PrimaryOwner = 1,
    InQueue = 2,
    Exists = 3,
    AlreadyOwner = 4,
}
