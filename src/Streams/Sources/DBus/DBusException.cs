namespace Streams.Sources.DBus;

/// <summary>The base of every failure this D-Bus client reports (timeouts excepted: those are <see cref="TimeoutException"/>).</summary>
public abstract class DBusException : Exception
{
    protected DBusException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
