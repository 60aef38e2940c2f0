using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth.Proxies;

/// <summary>
/// One method call to BlueZ, bounded in time: a D-Bus error reply becomes a
/// <see cref="BlueZErrorException"/>, silence a <see cref="TimeoutException"/> naming the call, and a
/// lost bus a <see cref="BleLinkLostException"/>.
/// </summary>
internal static class BlueZCall
{
    /// <summary>Bound of a plain call (GetManagedObjects, StartNotify, WriteValue, …).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>A call without arguments or reply value, e.g. <c>Adapter1.StartDiscovery</c>.</summary>
    public static Task Method(DBusConnection bus, string path, string @interface, string member, TimeSpan timeout, CancellationToken cancellationToken) =>
        Send(bus, Message(bus, path, @interface, member), Name(@interface, member), timeout, cancellationToken);

    /// <summary>Sends <paramref name="message"/> now (calls leave in the order they are made) and waits for the reply.</summary>
    public static Task Send(DBusConnection bus, MessageBuffer message, string call, TimeSpan timeout, CancellationToken cancellationToken) =>
        Reply(bus.CallMethodAsync(message), call, timeout, cancellationToken);

    /// <inheritdoc cref="Send"/>
    public static async Task<T> Send<T>(
        DBusConnection bus, MessageBuffer message, MessageValueReader<T> reader, string call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = bus.CallMethodAsync(message, reader);
        await Reply(pending, call, timeout, cancellationToken).ConfigureAwait(false);
        return await pending.ConfigureAwait(false);
    }

    /// <summary>A method call header with no body.</summary>
    public static MessageBuffer Message(DBusConnection bus, string path, string @interface, string member)
    {
        using var writer = bus.GetMessageWriter();
        writer.WriteMethodCallHeader(destination: BlueZ.Service, path: path, @interface: @interface, member: member);
        return writer.CreateMessage();
    }

    /// <summary>An <c>a{sv}</c> argument with one string entry: WriteValue's <c>{"type": "command"}</c>, a discovery filter.</summary>
    public static void WriteOptions(ref MessageWriter writer, string key, string value)
    {
        var options = writer.WriteDictionaryStart();
        writer.WriteDictionaryEntryStart();
        writer.WriteString(key);
        writer.WriteVariantString(value);
        writer.WriteDictionaryEnd(options);
    }

    /// <summary><c>Device1.Connect</c> for <c>org.bluez.Device1</c>, <c>Connect</c>.</summary>
    public static string Name(string @interface, string member) => $"{@interface[(@interface.LastIndexOf('.') + 1)..]}.{member}";

    private static async Task Reply(Task pending, string call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await pending.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException error)
        {
            throw new BlueZErrorException(call, error.ErrorName, error.ErrorMessage, error);
        }
        catch (Exception error) when (error is DBusConnectionException or ObjectDisposedException)
        {
            throw BusLost(error);
        }
        catch (TimeoutException error)
        {
            Forget(pending);
            throw new TimeoutException($"BlueZ did not answer {call} within {timeout.TotalSeconds:0.#} s", error);
        }
        catch (OperationCanceledException)
        {
            Forget(pending);
            throw;
        }
    }

    /// <summary>What a call or watch on a closed or broken bus connection throws.</summary>
    public static BleLinkLostException BusLost(Exception error) => new($"the D-Bus system bus connection was lost ({error.Message})", error);

    /// <summary>Lets a call nobody waits for any more fail quietly (an abandoned call, a best-effort Disconnect).</summary>
    public static void Forget(Task pending) =>
        pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
