namespace Streams.Sources.DBus;

/// <summary>
/// The connection is gone (peer hung up, socket error, malformed input, or disposed). Every pending
/// call and every signal stream of that connection fails with it; the cause is the inner exception.
/// </summary>
public sealed class DBusConnectionClosedException : DBusException
{
    public DBusConnectionClosedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
