using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Google.Protobuf;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>
/// One BLE connection through a proxy: notifications are BluetoothGATTNotifyDataResponse of the
/// notify handle, writes are BluetoothGATTWriteRequest to the write handle (without response when
/// the characteristic allows it: those get no answer). The link counts as dropped when the proxy
/// reports the device disconnected (it says so once or twice, then sends a slot update), refuses
/// a write with a GATT error, or when the API connection itself ends.
/// </summary>
internal sealed class EsphomeBleConnection : IBleConnection, IDisposable
{
    private readonly ProxySession _session;
    private readonly ulong _address;
    private readonly GattMap _map;
    private readonly EsphomeBleLinkOptions _options;

    // The edge where Disconnect() calls enter: an orderly end completes the notifications.
    private readonly AsyncSubject<Unit> _disconnectRequested = new();
    private readonly IConnectableObservable<LinkEnd> _end;
    private readonly IDisposable _watch;
    private volatile LinkEnd? _ended;

    public EsphomeBleConnection(ProxySession session, ulong address, GattMap map, EsphomeBleLinkOptions options)
    {
        _session = session;
        _address = address;
        _map = map;
        _options = options;
        var mac = BleAddress.Format(address);
        var lost = session.Inbound
            .Select(message => Classify(message, mac))
            .Where(end => end is not null)
            .Select(end => end!)
            .Catch((Exception error) => Observable.Return(new LinkEnd(
                new BleLinkLostException($"Bluetooth link to {mac} lost: the connection to the ESPHome proxy ended ({error.Message})", error), ProxyGone: true)));
        _end = lost.Merge(_disconnectRequested.Select(_ => new LinkEnd(null, ProxyGone: false))).Take(1).Replay(1);
        _watch = new System.Reactive.Disposables.CompositeDisposable(_end.Subscribe(end => _ended = end), _end.Connect());
    }

    public IObservable<ReadOnlyMemory<byte>> Notifications =>
        _session.Inbound
            .OfType<BluetoothGATTNotifyDataResponse>()
            .Where(data => data.Address == _address && data.Handle == _map.Notify)
            .Select(data => (ReadOnlyMemory<byte>)data.Data.ToByteArray())
            .Catch(Observable.Empty<ReadOnlyMemory<byte>>())
            .TakeUntil(_end)
            .Concat(_end.SelectMany(end => end.Error is null
                ? Observable.Empty<ReadOnlyMemory<byte>>()
                : Observable.Throw<ReadOnlyMemory<byte>>(end.Error)));

    public bool IsConnected => _ended is null;

    public short? Rssi => _session.LastHeard(_address)?.Rssi;

    public void Write(ReadOnlyMemory<byte> bytes)
    {
        if (!IsConnected)
        {
            return;
        }

        _session.Send(new BluetoothGATTWriteRequest
        {
            Address = _address,
            Handle = _map.Write,
            Response = _map.WriteWithResponse,
            Data = ByteString.CopyFrom(bytes.Span),
        });
    }

    public IObservable<Unit> Disconnect() =>
        Observable.Defer(() =>
        {
            var earlier = _ended;
            _disconnectRequested.OnNext(Unit.Default);
            _disconnectRequested.OnCompleted();
            if (earlier is { ProxyGone: true } || earlier is { Disconnected: true } || !_session.IsAlive)
            {
                // The proxy already let the device go, or there is no proxy to tell.
                return Observable.Return(Unit.Default);
            }

            // Done once the proxy frees the slot (it reports the disconnect once or twice first).
            return _session.Exchange(GattMessages.Disconnect(_address), m => m is BluetoothConnectionsFreeResponse free && !free.Allocated.Contains(_address) ? m : null, _options.DisconnectTimeout, "disconnect")
                .Select(_ => Unit.Default)
                .Catch(Observable.Return(Unit.Default))
                .LastOrDefaultAsync();
        });

    public void Dispose()
    {
        _watch.Dispose();
        _disconnectRequested.Dispose();
    }

    private LinkEnd? Classify(IMessage message, string mac)
    {
        if (GattMessages.IsDisconnected(message, _address))
        {
            var error = ((BluetoothDeviceConnectionResponse)message).Error;
            return new LinkEnd(new BleLinkLostException($"Bluetooth link to {mac} lost: the ESPHome proxy reports it disconnected (reason 0x{error:X2})"), ProxyGone: false, Disconnected: true);
        }

        if (GattMessages.ErrorFor(message, _address, _map.Write) is { } refused)
        {
            return new LinkEnd(new BleLinkLostException($"Bluetooth link to {mac} lost: the ESPHome proxy refused a write (GATT error {refused.Error})"), ProxyGone: false);
        }

        return null;
    }

    /// <summary>How the connection ended: <paramref name="Error"/> null when asked to.</summary>
    private sealed record LinkEnd(BleLinkLostException? Error, bool ProxyGone, bool Disconnected = false);
}
