namespace Streams.Sources.DBus;

/// <summary>Conversions from reply messages.</summary>
internal static class DBusReplies
{
    /// <summary>An ERROR message as the exception it stands for; its message text is the first string argument, if any.</summary>
    public static DBusErrorException ToException(DBusMessage error) =>
        new(error.ErrorName ?? "org.freedesktop.DBus.Error.Failed", error.TryGetArgument<DBusString>(0, out var text) ? text.Value : null);
}
