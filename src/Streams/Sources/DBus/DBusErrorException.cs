namespace Streams.Sources.DBus;

/// <summary>
/// An ERROR reply to a method call, e.g. <c>org.bluez.Error.NotConnected</c>. Thrown by a
/// method handler, it becomes the error reply sent back to the caller.
/// </summary>
public sealed class DBusErrorException : DBusException
{
    public DBusErrorException(string errorName, string? errorMessage)
        : base(errorMessage is null or "" ? errorName : $"{errorName}: {errorMessage}")
    {
        ArgumentException.ThrowIfNullOrEmpty(errorName);
        ErrorName = errorName;
        ErrorMessage = errorMessage ?? string.Empty;
    }

    /// <summary>The D-Bus error name, e.g. <c>org.freedesktop.DBus.Error.UnknownObject</c>.</summary>
    public string ErrorName { get; }

    /// <summary>The error's human-readable text (the first string argument of the reply), possibly empty.</summary>
    public string ErrorMessage { get; }
}
