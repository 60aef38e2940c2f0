using System.Collections.Immutable;
using System.Reactive.Disposables;

namespace Streams.Sources.DBus;

/// <summary>
/// The objects a connection serves, by path, and the answering of incoming method calls:
/// the handler's return or error becomes the reply; unknown paths get UnknownObject; Peer.Ping
/// is answered everywhere; calls flagged NoReplyExpected get nothing.
/// </summary>
internal sealed class ServedObjects(Action<DBusMessage> send, CancellationToken shutdown)
{
    private const string PeerInterface = "org.freedesktop.DBus.Peer";
    private readonly object _gate = new();
    private ImmutableDictionary<string, DBusMethodHandler> _handlers = ImmutableDictionary.Create<string, DBusMethodHandler>(StringComparer.Ordinal);

    public IDisposable Add(string path, DBusMethodHandler handler)
    {
        lock (_gate)
        {
            if (_handlers.ContainsKey(path))
            {
                throw new InvalidOperationException($"Object path {path} is already served on this connection.");
            }

            _handlers = _handlers.Add(path, handler);
        }

        return Disposable.Create(() =>
        {
            lock (_gate)
            {
                if (_handlers.TryGetValue(path, out var current) && current == handler)
                {
                    _handlers = _handlers.Remove(path);
                }
            }
        });
    }

    /// <summary>Called on the read loop; the handler runs there until its first await.</summary>
    public void Dispatch(DBusMessage call)
    {
        if (call.Interface == PeerInterface && call.Member == "Ping")
        {
            Reply(call, DBusMessage.ReturnFor(call, []));
            return;
        }

        if (!Volatile.Read(ref _handlers).TryGetValue(call.Path!, out var handler))
        {
            Reply(call, DBusMessage.ErrorFor(call, "org.freedesktop.DBus.Error.UnknownObject", $"No object at {call.Path}."));
            return;
        }

        _ = InvokeAsync(handler, call);
    }

    private async Task InvokeAsync(DBusMethodHandler handler, DBusMessage call)
    {
        DBusMessage reply;
        try
        {
            var body = await handler(call, shutdown).ConfigureAwait(false);
            reply = DBusMessage.ReturnFor(call, body);
        }
        catch (DBusErrorException error)
        {
            reply = DBusMessage.ErrorFor(call, error.ErrorName, error.ErrorMessage);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error)
        {
            reply = DBusMessage.ErrorFor(call, "org.freedesktop.DBus.Error.Failed", error.Message);
        }

        Reply(call, reply);
    }

    private void Reply(DBusMessage call, DBusMessage reply)
    {
        if (call.Flags.HasFlag(DBusMessageFlags.NoReplyExpected))
        {
            return;
        }

        try
        {
            send(reply);
        }
        catch (ArgumentException invalid)
        {
            send(DBusMessage.ErrorFor(call, "org.freedesktop.DBus.Error.Failed", $"The handler's reply is not valid: {invalid.Message}"));
        }
    }
}
