using System.Net.Sockets;
using Streams.Transports.Bluetooth.Proxies;
using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth;

/// <summary>Reaching BlueZ at all, with the failures a user can act on turned into one-line <see cref="BleUnavailableException"/>s.</summary>
internal static class BlueZBus
{
    /// <summary>Where the system bus is when <see cref="SystemBusVariable"/> is not set.</summary>
    public const string DefaultSystemBus = "unix:path=/var/run/dbus/system_bus_socket";

    /// <summary>The variable that points the bridge at another system bus (the integration tests' seam).</summary>
    public const string SystemBusVariable = "DBUS_SYSTEM_BUS_ADDRESS";

    /// <summary><c>$DBUS_SYSTEM_BUS_ADDRESS</c>, else the default system bus; read on every call.</summary>
    public static string SystemBusAddress() =>
        Environment.GetEnvironmentVariable(SystemBusVariable) is { Length: > 0 } address ? address : DefaultSystemBus;

    /// <summary>Connects to <paramref name="address"/> (null: <see cref="SystemBusAddress"/>); no bus, or no answer, is a <see cref="BleUnavailableException"/>.</summary>
    public static async Task<DBusConnection> ConnectAsync(string? address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        address ??= SystemBusAddress();
        var bus = new DBusConnection(new DBusConnectionOptions(address));
        try
        {
            await bus.ConnectAsync().AsTask().WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return bus;
        }
        catch (Exception error) when (error is DBusConnectionException or TimeoutException or ArgumentException)
        {
            bus.Dispose();
            throw new BleUnavailableException($"no D-Bus system bus at {address} ({Reason(error, address, timeout)}); is dbus/bluetoothd running?", error);
        }
        catch
        {
            bus.Dispose();
            throw;
        }
    }

    /// <summary>BlueZ's object tree; BlueZ not on the bus is a <see cref="BleUnavailableException"/>.</summary>
    public static async Task<BlueZObjectTree> ManagedObjectsAsync(DBusConnection bus, CancellationToken cancellationToken)
    {
        try
        {
            return await new ObjectManagerProxy(bus).GetManagedObjectsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BlueZErrorException error) when (error.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            throw new BleUnavailableException("BlueZ (org.bluez) is not running on the system bus; is bluetoothd started?", error);
        }
    }

    // .NET reports a missing socket file as EADDRNOTAVAIL ("Cannot assign requested address"), which misleads.
    private static string Reason(Exception error, string address, TimeSpan timeout)
    {
        if (error is TimeoutException)
        {
            return $"no answer within {timeout.TotalSeconds:0.#} s";
        }

        const string Prefix = "unix:path=";
        var path = address.StartsWith(Prefix, StringComparison.Ordinal) ? address[Prefix.Length..].Split(',', ';')[0] : null;
        if (path is not null && !File.Exists(path))
        {
            return "no such socket";
        }

        return error.InnerException is SocketException socket
            ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.AccessDenied => "permission denied",
                _ => socket.Message,
            }
            : error.Message;
    }
}
