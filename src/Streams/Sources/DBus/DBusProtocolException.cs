namespace Streams.Sources.DBus;

/// <summary>
/// Bytes that break the D-Bus wire format (bad header, bad alignment padding, invalid UTF-8, a
/// length past the end …). A connection that receives one closes, as the specification requires.
/// </summary>
public sealed class DBusProtocolException : DBusException
{
    public DBusProtocolException(string message)
        : base(message)
    {
    }
}
