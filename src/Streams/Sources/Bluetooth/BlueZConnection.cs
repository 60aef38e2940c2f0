using System.Reactive;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Streams.Sources.DBus;

namespace Streams.Sources.Bluetooth;

/// <summary>
/// One BlueZ GATT connection: notifications are <c>PropertiesChanged(Value)</c> of the notify
/// characteristic; writes are <c>WriteValue</c> on the write characteristic. The link counts as
/// dropped when BlueZ says <c>Connected=false</c>, removes the device or its characteristics, when
/// <c>org.bluez</c> changes owner (bluetoothd restarted) or when the bus connection is lost.
/// </summary>
internal sealed class BlueZConnection : IBleConnection
{
    private readonly DBusConnection _bus;
    private readonly string _devicePath;
    private readonly BlueZCharacteristic _notify;
    private readonly BlueZCharacteristic _write;
    private readonly TimeSpan _callTimeout;
    private readonly Lock _gate = new();

    // The edge where D-Bus signal callbacks become an observable.
    private readonly Subject<ReadOnlyMemory<byte>> _notifications = new();
    private readonly CompositeDisposable _watchers = [];
    private bool _ended;
    private short? _rssi;

    public BlueZConnection(DBusConnection bus, string devicePath, BlueZCharacteristic notify, BlueZCharacteristic write, short? rssi, TimeSpan callTimeout)
    {
        _bus = bus;
        _devicePath = devicePath;
        _notify = notify;
        _write = write;
        _rssi = rssi;
        _callTimeout = callTimeout;
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

    /// <summary>Watches for values and for the link's end; call before StartNotify so no value is missed.</summary>
    public void Watch()
    {
        _watchers.Add(_bus.PropertiesChanged(BlueZ.Service, _devicePath).Subscribe(OnPropertiesChanged, Lost));
        _watchers.Add(_bus.InterfacesRemoved(BlueZ.Service, BlueZ.RootPath)
            .Where(removed => removed.ObjectPath == _devicePath || removed.ObjectPath == _notify.Path || removed.ObjectPath == _write.Path)
            .Subscribe(removed => Lost($"BlueZ removed {removed.ObjectPath}"), Lost));
        _watchers.Add(_bus.NameOwnerChanged(BlueZ.Service)
            .Subscribe(_ => Lost("the Bluetooth service (org.bluez) restarted"), Lost));
        _bus.Completion.ContinueWith(
            _ => Lost("the D-Bus system bus connection was lost"),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task StartNotifyAsync(CancellationToken cancellationToken) =>
        _bus.CallAsync(DBusMessage.MethodCall(BlueZ.Service, _notify.Path, BlueZ.GattCharacteristic, "StartNotify"), _callTimeout, cancellationToken);

    public void Write(ReadOnlyMemory<byte> bytes)
    {
        if (!IsConnected)
        {
            return;
        }

        var options = DBusValue.StringVariantMap([new("type", new DBusString(_write.WriteType))]);
        Task<DBusMessage> call;
        try
        {
            call = _bus.CallAsync(
                DBusMessage.MethodCall(BlueZ.Service, _write.Path, BlueZ.GattCharacteristic, "WriteValue", new DBusByteArray(bytes.Span), options),
                _callTimeout);
        }
        catch (DBusException error)
        {
            Lost(error);
            return;
        }

        call.ContinueWith(
            failed => Lost(new BleLinkLostException($"BlueZ refused a write: {failed.Exception?.InnerException?.Message}", failed.Exception?.InnerException)),
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
                await _bus.CallAsync(DBusMessage.MethodCall(BlueZ.Service, _devicePath, BlueZ.Device, "Disconnect"), _callTimeout).ConfigureAwait(false);
            }
            catch (Exception error) when (error is DBusException or TimeoutException)
            {
                // Already gone, or BlueZ went away: either way the link is down.
            }
        });

    private void OnPropertiesChanged(DBusPropertiesChanged change)
    {
        if (change.Path == _notify.Path && change.Interface == BlueZ.GattCharacteristic
            && change.Changed.TryGetValue("Value", out var value) && value is DBusByteArray bytes)
        {
            lock (_gate)
            {
                if (!_ended)
                {
                    _notifications.OnNext(bytes.Value);
                }
            }

            return;
        }

        if (change.Path != _devicePath || change.Interface != BlueZ.Device)
        {
            return;
        }

        if (BlueZObjects.Rssi(change.Changed) is { } rssi)
        {
            lock (_gate)
            {
                _rssi = rssi;
            }
        }

        if (BlueZObjects.Flag(change.Changed, "Connected") == false)
        {
            Lost("BlueZ reports the device disconnected");
        }
    }

    private void Lost(string reason) => Lost(new BleLinkLostException($"Bluetooth link to {_devicePath} lost: {reason}"));

    private void Lost(Exception error) =>
        End(error as BleLinkLostException ?? new BleLinkLostException($"Bluetooth link to {_devicePath} lost: {error.Message}", error));

    private void End(BleLinkLostException? error)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            if (error is null)
            {
                _notifications.OnCompleted();
            }
            else
            {
                _notifications.OnError(error);
            }
        }

        _watchers.Dispose();
    }
}
