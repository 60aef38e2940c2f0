using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Transports.Bluetooth.Proxies;
using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth;

/// <summary>
/// A GATT peripheral through BlueZ on the D-Bus system bus (<c>$DBUS_SYSTEM_BUS_ADDRESS</c> honoured).
/// Connecting: find the adapter and the device by address in GetManagedObjects (when BlueZ does not
/// know it yet: LE discovery until it appears, bounded, then StopDiscovery), <c>Device1.Connect</c>,
/// wait for <c>ServicesResolved</c>, find the profile's notify and write characteristics in its
/// service under the device, then <c>StartNotify</c>. Knows no device family: the caller's
/// <see cref="GattProfile"/> says which service and characteristics.
/// </summary>
/// <remarks>
/// Owns one bus connection, opened on the first connect and reopened when it was lost. Waits run on
/// the given scheduler.
/// </remarks>
internal sealed class BlueZLink : IBleLink
{
    private readonly string _adapter;
    private readonly GattProfile _profile;
    private readonly IScheduler _scheduler;
    private readonly SemaphoreSlim _busGate = new(1, 1);
    private readonly string? _busAddress;
    private DBusConnection? _bus;

    /// <param name="adapter">The adapter name, e.g. <c>hci0</c>.</param>
    /// <param name="address">The device address, <c>AA:BB:CC:DD:EE:FF</c>.</param>
    /// <param name="profile">The service and characteristics the device talks through.</param>
    /// <param name="scheduler">Runs the bounded waits.</param>
    /// <param name="busAddress">The D-Bus address BlueZ is on; null: the system bus.</param>
    public BlueZLink(string adapter, string address, GattProfile profile, IScheduler scheduler, string? busAddress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(adapter);
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(scheduler);
        _adapter = adapter;
        Address = address.ToUpperInvariant();
        _profile = profile;
        _scheduler = scheduler;
        _busAddress = busAddress;
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
        var objects = await BlueZBus.ManagedObjectsAsync(bus, cancellationToken).ConfigureAwait(false);
        if (!objects.HasAdapter(adapterPath))
        {
            throw new BleUnavailableException($"Bluetooth adapter {_adapter} not found (BlueZ has no {adapterPath})");
        }

        var device = new Device1Proxy(
            bus, objects.FindDevice(adapterPath, Address) ?? await DiscoverAsync(bus, new Adapter1Proxy(bus, adapterPath), cancellationToken).ConfigureAwait(false));
        try
        {
            return await EstablishAsync(bus, device, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Abandoned (the poller's connect timeout): do not leave BlueZ connecting behind our back.
            BlueZCall.Forget(device.DisconnectAsync(CancellationToken.None));
            throw;
        }
    }

    private async Task<IBleConnection> EstablishAsync(DBusConnection bus, Device1Proxy device, CancellationToken cancellationToken)
    {
        var properties = new PropertiesProxy(bus);
        await BlueZWait.UntilAsync(
            (reached, ended) => properties.WatchChangesAsync(
                device.Path,
                BlueZ.Device,
                below: false,
                change =>
                {
                    if (BlueZProperties.Flag(change.Changed, "ServicesResolved") == true)
                    {
                        reached();
                    }
                },
                ended),
            async ct =>
            {
                await ConnectDeviceAsync(device, ct).ConfigureAwait(false);
                var now = await properties.GetAllAsync(device.Path, BlueZ.Device, ct).ConfigureAwait(false);
                return BlueZProperties.Flag(now, "ServicesResolved") == true;
            },
            ServicesTimeout,
            _scheduler,
            $"BlueZ did not resolve the services of {Address} within {ServicesTimeout.TotalSeconds:0.#} s",
            cancellationToken).ConfigureAwait(false);

        var objects = await BlueZBus.ManagedObjectsAsync(bus, cancellationToken).ConfigureAwait(false);
        var notify = objects.FindCharacteristic(device.Path, _profile.Service, _profile.Notify);
        var write = objects.FindCharacteristic(device.Path, _profile.Service, _profile.Write);
        if (notify is null || write is null)
        {
            throw new BleUnavailableException($"{Address} has no {_profile}");
        }

        var rssi = objects.Properties(device.Path, BlueZ.Device) is { } current ? BlueZProperties.Rssi(current) : null;
        return await BlueZConnection.OpenAsync(bus, Address, device, notify, write, rssi, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>AlreadyConnected</c> and <c>InProgress</c> (an earlier attempt still running) both end in <c>ServicesResolved</c> too.</summary>
    private static async Task ConnectDeviceAsync(Device1Proxy device, CancellationToken cancellationToken)
    {
        try
        {
            await device.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BlueZErrorException error) when (error.ErrorName is BlueZ.Errors.AlreadyConnected or BlueZ.Errors.InProgress)
        {
        }
    }

    private async Task<string> DiscoverAsync(DBusConnection bus, Adapter1Proxy adapter, CancellationToken cancellationToken)
    {
        string? found = null;
        try
        {
            await BlueZWait.UntilAsync(
                (reached, ended) => new ObjectManagerProxy(bus).WatchInterfacesAddedAsync(
                    added =>
                    {
                        if (BlueZObjectTree.IsDevice(added, adapter.Path, Address))
                        {
                            Interlocked.CompareExchange(ref found, added.Path, null);
                            reached();
                        }
                    },
                    ended),
                async ct =>
                {
                    await BlueZDiscovery.StartAsync(adapter, ct).ConfigureAwait(false);
                    if ((await BlueZBus.ManagedObjectsAsync(bus, ct).ConfigureAwait(false)).FindDevice(adapter.Path, Address) is not { } known)
                    {
                        return false;
                    }

                    Interlocked.CompareExchange(ref found, known, null);
                    return true;
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
            await BlueZDiscovery.StopAsync(adapter).ConfigureAwait(false);
        }

        return Volatile.Read(ref found)!;
    }

    private async Task<DBusConnection> BusAsync(CancellationToken cancellationToken)
    {
        await _busGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_bus is { } open && !open.DisconnectedAsync().IsCompleted)
            {
                return open;
            }

            _bus?.Dispose();
            _bus = await BlueZBus.ConnectAsync(_busAddress, BlueZCall.Timeout, cancellationToken).ConfigureAwait(false);
            return _bus;
        }
        finally
        {
            _busGate.Release();
        }
    }
}
