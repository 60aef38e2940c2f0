namespace Streams.Sources.DBus;

/// <summary>Flags of the bus's RequestName method.</summary>
[Flags]
public enum DBusRequestNameFlags : uint
{
    None = 0,
    AllowReplacement = 1,
    ReplaceExisting = 2,
    DoNotQueue = 4,
}
