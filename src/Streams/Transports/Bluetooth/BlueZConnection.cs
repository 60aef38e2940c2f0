using System.Reactive;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Streams.Transports.Bluetooth.Proxies;
using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth;

/// <summary>
/// One BlueZ GATT connection: notifications are <c>PropertiesChanged(Value)</c> of the notify
/// characteristic; writes are <c>WriteValue</c> on the write characteristic. The link counts as
/// dropped when BlueZ says <c>Connected=false</c>, removes the device or its characteristics, when
/// <c>org.bluez</c> changes owner (bluetoothd restarted), when the bus connection is lost, or when
/// BlueZ refuses a write.
/// </summary>
internal sealed class BlueZConnection : IBleConnection
{
    private readonly DBusConnection _bus;
    private readonly string _address;
    private readonly Device1Proxy _device;
    private readonly GattCharacteristic1Proxy _notify;
    private readonly GattCharacteristic1Proxy _write;
    private readonly string _writeType;
    private readonly Lock _gate = new();

    // The edge where D-Bus signal callbacks become an observable. Values come from the bus's receive
    // loop, the end from there or from a failed write or a Disconnect: _emit serialises them by queueing
    // (no lock is held while a subscriber runs).
    private readonly Subject<ReadOnlyMemory<byte>> _notifications = new();
    private readonly IObserver<ReadOnlyMemory<byte>> _emit;
    private readonly CompositeDisposable _watches = [];
    private bool _ended;
    private short? _rssi;

    private BlueZConnection(DBusConnection bus, string address, Device1Proxy device, BlueZCharacteristic notify, BlueZCharacteristic write, short? rssi)
    {
        _bus = bus;
        _address = address;
        _device = device;
        _notify = new GattCharacteristic1Proxy(bus, notify.Path);
        _write = new GattCharacteristic1Proxy(bus, write.Path);
        _writeType = write.WriteType;
        _rssi = rssi;
        _emit = Observer.Synchronize(_notifications, preventReentrancy: true);
    }

    public IObservable<ReadOnlyMemory<byte>> Notifications => _notifications.AsObservable();

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return !_ended;
            }
        }
    }

    public short? Rssi
    {
        get
        {
            lock (_gate)
            {
                return _rssi;
            }
        }
    }

    /// <summary>Watches for values and for the link's end, then subscribes to the notify characteristic.</summary>
    public static async Task<BlueZConnection> OpenAsync(
        DBusConnection bus, string address, Device1Proxy device, BlueZCharacteristic notify, BlueZCharacteristic write, short? rssi, CancellationToken cancellationToken)
    {
        var connection = new BlueZConnection(bus, address, device, notify, write, rssi);
        try
        {
            connection._watches.Add(await new PropertiesProxy(bus)
                .WatchChangesAsync(device.Path, @interface: null, below: true, connection.OnPropertiesChanged, connection.Lost)
                .ConfigureAwait(false));
            connection._watches.Add(await new ObjectManagerProxy(bus)
                .WatchInterfacesRemovedAsync(connection.OnInterfacesRemoved, connection.Lost)
                .ConfigureAwait(false));
            await connection._notify.StartNotifyAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            _ = connection.Disconnect().Subscribe(static _ => { }, static _ => { });
            throw;
        }
    }

    public void Write(ReadOnlyMemory<byte> bytes)
    {
        if (!IsConnected)
        {
            return;
        }

        _write.WriteValueAsync(bytes.Span, _writeType).ContinueWith(
            failed => Lost(failed.Exception!.InnerException!),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public IObservable<Unit> Disconnect() =>
        Observable.FromAsync(async () =>
        {
            End(null);
            try
            {
                await _device.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error) when (error is BlueZErrorException or TimeoutException or BleLinkLostException)
            {
                // Already gone, or BlueZ went away: either way the link is down.
            }
        });

    private void OnPropertiesChanged(PropertiesChange change)
    {
        if (change.Path == _notify.Path && change.Interface == BlueZ.GattCharacteristic)
        {
            if (BlueZProperties.Bytes(change.Changed, "Value") is { } value)
            {
                _emit.OnNext(value);
            }

            return;
        }

        if (change.Path != _device.Path || change.Interface != BlueZ.Device)
        {
            return;
        }

        if (BlueZProperties.Rssi(change.Changed) is { } rssi)
        {
            lock (_gate)
            {
                _rssi = rssi;
            }
        }

        if (BlueZProperties.Flag(change.Changed, "Connected") == false)
        {
            Lost("BlueZ reports the device disconnected");
        }
    }

    private void OnInterfacesRemoved(string path)
    {
        if (path == _device.Path || path == _notify.Path || path == _write.Path)
        {
            Lost($"BlueZ removed {path}");
        }
    }

    private void Lost(string reason) => End(new BleLinkLostException($"Bluetooth link to {_address} lost: {reason}"));

    private void Lost(Exception error) => End(new BleLinkLostException($"Bluetooth link to {_address} lost: {error.Message}", error));

    private void End(BleLinkLostException? error)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
        }

        if (error is null)
        {
            _emit.OnCompleted();
        }
        else
        {
            _emit.OnError(error);
        }

        _watches.Dispose();
    }
}
