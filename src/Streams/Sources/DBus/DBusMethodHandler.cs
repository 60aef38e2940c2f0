namespace Streams.Sources.DBus;

/// <summary>
/// Serves method calls to one object path: returns the reply body, or throws
/// <see cref="DBusErrorException"/> for an error reply (any other exception becomes
/// <c>org.freedesktop.DBus.Error.Failed</c>). It starts on the connection's read loop, so it must
/// not block; await instead. The token is cancelled when the connection closes.
/// </summary>
public delegate ValueTask<IReadOnlyList<DBusValue>> DBusMethodHandler(DBusMessage call, CancellationToken cancellationToken);
