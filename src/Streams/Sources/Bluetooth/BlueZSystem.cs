using System.Reactive.Concurrency;
using Streams.Sources.DBus;
using ManagedObjects = System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, Streams.Sources.DBus.DBusValue>>>;

namespace Streams.Sources.Bluetooth;

/// <summary>Reaching BlueZ at all, with the failures a user can act on turned into <see cref="BleUnavailableException"/>.</summary>
public static class BlueZSystem
{
    /// <summary>
    /// Connects to <paramref name="address"/> (null: the system bus, <c>$DBUS_SYSTEM_BUS_ADDRESS</c> honoured);
    /// no bus (or no answer) is a <see cref="BleUnavailableException"/>.
    /// </summary>
    public static async Task<DBusConnection> ConnectBusAsync(DBusAddress? address, IScheduler scheduler, TimeSpan timeout, CancellationToken cancellationToken)
    {
        address ??= DBusAddress.SystemBus();
        try
        {
            return await DBusConnection.ConnectAsync(address, scheduler, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DBusException or TimeoutException)
        {
            throw new BleUnavailableException($"no D-Bus system bus at {address.Text}: {error.Message}", error);
        }
    }

    /// <summary>BlueZ's object tree; BlueZ not on the bus is a <see cref="BleUnavailableException"/>.</summary>
    public static async Task<ManagedObjects> ManagedObjectsAsync(DBusConnection bus, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        try
        {
            return await bus.GetManagedObjectsAsync(BlueZ.Service, BlueZ.RootPath, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorException error) when (error.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            throw new BleUnavailableException("BlueZ (org.bluez) is not running on the system bus; is bluetoothd started?", error);
        }
    }
}
