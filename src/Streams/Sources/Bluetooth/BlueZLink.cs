using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Sources.DBus;

namespace Streams.Sources.Bluetooth;

/// <summary>
/// A JBD dongle through BlueZ on the D-Bus system bus (<c>$DBUS_SYSTEM_BUS_ADDRESS</c> honoured).
/// Connecting: find the adapter and the device by address in GetManagedObjects (when BlueZ does not
/// know it yet: StartDiscovery, wait a bounded time for it, StopDiscovery), <c>Device1.Connect</c>,
/// wait for <c>ServicesResolved</c>, find characteristics 0xFF01 (notify) and 0xFF02 (write) of
/// service 0xFF00 under the device, then <c>StartNotify</c>.
/// </summary>
/// <remarks>
/// Owns one bus connection, opened on the first connect and reopened when it was lost. Waits run on
/// the given scheduler.
/// </remarks>
public sealed class BlueZLink : IBleLink
{
    /// <summary>Bound of each plain D-Bus call (GetManagedObjects, StartNotify, WriteValue).</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Bound of <c>Device1.Connect</c>, which BlueZ itself gives up on after about 20 s.</summary>
    public static readonly TimeSpan ConnectCallTimeout = TimeSpan.FromSeconds(30);

    private readonly string _adapter;
    private readonly IScheduler _scheduler;
    private readonly SemaphoreSlim _busGate = new(1, 1);
    private readonly DBusAddress? _busAddress;
    private DBusConnection? _bus;

    /// <param name="adapter">The adapter name, e.g. <c>hci0</c>.</param>
    /// <param name="address">The device address, <c>AA:BB:CC:DD:EE:FF</c>.</param>
    /// <param name="scheduler">Runs the bounded waits.</param>
    /// <param name="bus">The bus BlueZ is on; null: the system bus.</param>
    public BlueZLink(string adapter, string address, IScheduler scheduler, DBusAddress? bus = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(adapter);
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(scheduler);
        _adapter = adapter;
        Address = address.ToUpperInvariant();
        _scheduler = scheduler;
        _busAddress = bus;
    }

    public string Address { get; }

    /// <summary>How long a device BlueZ does not know yet is searched for.</summary>
    public TimeSpan DiscoveryTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long BlueZ may take to resolve the services after connecting.</summary>
    public TimeSpan ServicesTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public IObservable<IBleConnection> Connect() => Observable.FromAsync(ConnectAsync);

    public void Dispose()
    {
        _bus?.Dispose();
        _busGate.Dispose();
    }

    private async Task<IBleConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var bus = await BusAsync(cancellationToken).ConfigureAwait(false);
        var adapterPath = BlueZ.AdapterPath(_adapter);
        var objects = await BlueZSystem.ManagedObjectsAsync(bus, CallTimeout, cancellationToken).ConfigureAwait(false);
        if (!BlueZObjects.HasAdapter(objects, adapterPath))
        {
            throw new BleUnavailableException($"Bluetooth adapter {_adapter} not found (BlueZ has no {adapterPath})");
        }

        var devicePath = BlueZObjects.FindDevice(objects, adapterPath, Address)
            ?? await DiscoverAsync(bus, adapterPath, cancellationToken).ConfigureAwait(false);
        try
        {
            return await EstablishAsync(bus, devicePath, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Abandoned (the poller's connect timeout): do not leave BlueZ connecting behind our back.
            _ = bus.CallAsync(DBusMessage.MethodCall(BlueZ.Service, devicePath, BlueZ.Device, "Disconnect"), CallTimeout)
                .ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            throw;
        }
    }

    private async Task<IBleConnection> EstablishAsync(DBusConnection bus, string devicePath, CancellationToken cancellationToken)
    {
        var deviceChanges = bus.PropertiesChanged(BlueZ.Service, devicePath, BlueZ.Device).Where(c => c.Path == devicePath);
        await BlueZWait.UntilAsync(
            deviceChanges.Where(c => BlueZObjects.Flag(c.Changed, "ServicesResolved") == true),
            async ct =>
            {
                await CallDeviceConnectAsync(bus, devicePath, ct).ConfigureAwait(false);
                var device = await bus.GetAllPropertiesAsync(BlueZ.Service, devicePath, BlueZ.Device, CallTimeout, ct).ConfigureAwait(false);
                return BlueZObjects.Flag(device, "ServicesResolved") == true;
            },
            ServicesTimeout,
            _scheduler,
            $"BlueZ did not resolve the services of {Address} within {ServicesTimeout.TotalSeconds:0.#} s",
            cancellationToken).ConfigureAwait(false);

        var objects = await BlueZSystem.ManagedObjectsAsync(bus, CallTimeout, cancellationToken).ConfigureAwait(false);
        var notify = BlueZObjects.FindCharacteristic(objects, devicePath, BleUuids.JbdService, BleUuids.JbdNotify);
        var write = BlueZObjects.FindCharacteristic(objects, devicePath, BleUuids.JbdService, BleUuids.JbdWrite);
        if (notify is null || write is null)
        {
            throw new BleUnavailableException($"{Address} has no JBD service 0xFF00 with characteristics 0xFF01 (notify) and 0xFF02 (write)");
        }

        var rssi = objects.TryGetValue(devicePath, out var interfaces) && interfaces.TryGetValue(BlueZ.Device, out var properties)
            ? BlueZObjects.Rssi(properties)
            : null;
        var connection = new BlueZConnection(bus, devicePath, notify, write, rssi, CallTimeout);
        connection.Watch();
        try
        {
            await connection.StartNotifyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _ = connection.Disconnect().Subscribe(static _ => { }, static _ => { });
            throw;
        }

        return connection;
    }

    private static async Task CallDeviceConnectAsync(DBusConnection bus, string devicePath, CancellationToken cancellationToken)
    {
        try
        {
            await bus.CallAsync(DBusMessage.MethodCall(BlueZ.Service, devicePath, BlueZ.Device, "Connect"), ConnectCallTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DBusErrorException error) when (error.ErrorName == "org.bluez.Error.AlreadyConnected")
        {
        }
    }

    private async Task<string> DiscoverAsync(DBusConnection bus, string adapterPath, CancellationToken cancellationToken)
    {
        string? found = null;
        var appeared = bus.InterfacesAdded(BlueZ.Service, BlueZ.RootPath)
            .Where(added => added.Interfaces.TryGetValue(BlueZ.Device, out var device)
                && string.Equals(BlueZObjects.Text(device, "Address"), Address, StringComparison.OrdinalIgnoreCase))
            .Do(added => found = added.ObjectPath);
        try
        {
            await BlueZWait.UntilAsync(
                appeared,
                async ct =>
                {
                    await CallAdapterAsync(bus, adapterPath, "StartDiscovery", ct).ConfigureAwait(false);
                    var objects = await BlueZSystem.ManagedObjectsAsync(bus, CallTimeout, ct).ConfigureAwait(false);
                    found ??= BlueZObjects.FindDevice(objects, adapterPath, Address);
                    return found is not null;
                },
                DiscoveryTimeout,
                _scheduler,
                $"Bluetooth device {Address} not found by {_adapter} within {DiscoveryTimeout.TotalSeconds:0.#} s",
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException timeout)
        {
            throw new BleUnavailableException(timeout.Message, timeout);
        }
        finally
        {
            try
            {
                await CallAdapterAsync(bus, adapterPath, "StopDiscovery", CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error) when (error is DBusException or TimeoutException)
            {
                // Discovery may already have stopped (or BlueZ went away); nothing to undo then.
            }
        }

        return found!;
    }

    private static async Task CallAdapterAsync(DBusConnection bus, string adapterPath, string member, CancellationToken cancellationToken)
    {
        try
        {
            await bus.CallAsync(DBusMessage.MethodCall(BlueZ.Service, adapterPath, BlueZ.Adapter, member), CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorException error) when (error.ErrorName == "org.bluez.Error.InProgress")
        {
            // Somebody else is already discovering: the devices show up all the same.
        }
    }

    private async Task<DBusConnection> BusAsync(CancellationToken cancellationToken)
    {
        await _busGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_bus is { IsConnected: true } open)
            {
                return open;
            }

            _bus?.Dispose();
            _bus = await BlueZSystem.ConnectBusAsync(_busAddress, _scheduler, CallTimeout, cancellationToken).ConfigureAwait(false);
            return _bus;
        }
        finally
        {
            _busGate.Release();
        }
    }
}
