using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth.Proxies;

/// <summary>
/// Subscribes to a BlueZ signal. The watch is in place on the bus when the returned task completes,
/// so "watch, then act, then check" cannot miss a signal. The watch ends (<c>onEnd</c>, once, with a
/// reason fit for a log line) when <c>org.bluez</c> changes owner (bluetoothd restarted), the bus
/// connection is lost or closed, or a signal cannot be read; disposing it ends it silently.
/// </summary>
internal static class BlueZSignals
{
    private const ObserverFlags Ends =
        ObserverFlags.EmitOnOwnerChanged | ObserverFlags.EmitOnConnectionFailed | ObserverFlags.EmitOnConnectionClosed | ObserverFlags.EmitOnReaderFailed;

    /// <param name="bus">The connection.</param>
    /// <param name="rule">Which signals; the sender is set to <c>org.bluez</c> here.</param>
    /// <param name="reader">Reads one signal into an owned value; null for one of an unexpected shape (skipped).</param>
    /// <param name="onValue">Each value, on the connection's receive loop: must not block or throw.</param>
    /// <param name="onEnd">The end and why.</param>
    public static async Task<IDisposable> WatchAsync<T>(
        DBusConnection bus, MatchRule rule, MessageValueReader<T?> reader, Action<T> onValue, Action<string> onEnd)
        where T : class
    {
        rule.Type = MessageType.Signal;
        rule.Sender = BlueZ.Service;
        try
        {
            return await bus.AddMatchAsync(
                rule,
                reader,
                (Notification<T?> notification) =>
                {
                    if (notification.IsCompletion)
                    {
                        onEnd(Reason(notification.Type));
                    }
                    else if (notification.Value is { } value)
                    {
                        onValue(value);
                    }
                },
                synchronizationContext: null,
                Ends,
                state: null).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DBusConnectionException or ObjectDisposedException)
        {
            throw BlueZCall.BusLost(error);
        }
    }

    private static string Reason(NotificationType type) => type switch
    {
        NotificationType.OwnerChanged => "the Bluetooth service (org.bluez) restarted",
        NotificationType.ReaderFailed => "BlueZ sent a signal that could not be read",
        _ => "the D-Bus system bus connection was lost",
    };
}
