namespace Streams.Sources.DBus;

/// <summary>The message type byte of the header. Values above 4 are unknown types, which receivers ignore.</summary>
public enum DBusMessageType : byte
{
    MethodCall = 1,
    MethodReturn = 2,
    Error = 3,
    Signal = 4,
}
