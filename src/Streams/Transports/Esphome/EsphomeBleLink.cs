using System.Reactive.Disposables;
using System.Reactive.Linq;
using Google.Protobuf;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>
/// A BLE peripheral reached through an ESPHome Bluetooth proxy. Connecting: wait for the proxy's
/// API connection, for an advertisement of the device (it brings the address type), check the
/// slots, <c>BluetoothDeviceRequest</c> connect, discover the services (or, reconnecting, reuse the
/// handles found before and connect with the cache flag, which skips discovery), write <c>01 00</c>
/// to the notify characteristic's CCCD (the proxy does not; it resets on every new connection) and
/// register for its notifications.
/// </summary>
/// <remarks>
/// Holds the proxy's API connection from the first connect until disposed, so advertisements keep
/// coming and other links share it. A connect given up (timeout, disposal) tells the proxy to
/// disconnect, so the slot is not left taken.
/// </remarks>
internal sealed class EsphomeBleLink : IBleLink
{
    private readonly EsphomeProxy _proxy;
    private readonly ulong _address;
    private readonly GattProfile _profile;
    private readonly EsphomeBleLinkOptions _options;
    private readonly Lock _gate = new();
    private IDisposable? _hold;
    private GattMap? _known;
    private bool _disposed;

    /// <param name="proxy">The proxy the device is near.</param>
    /// <param name="address">The device address, <c>AA:BB:CC:DD:EE:FF</c>.</param>
    /// <param name="profile">Its service and characteristics.</param>
    /// <param name="options">Step bounds; null: the defaults.</param>
    public EsphomeBleLink(EsphomeProxy proxy, string address, GattProfile profile, EsphomeBleLinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(profile);
        _proxy = proxy;
        _address = BleAddress.Parse(address);
        Address = BleAddress.Format(_address);
        _profile = profile;
        _options = options ?? new EsphomeBleLinkOptions();
    }

    public string Address { get; }

    public IObservable<IBleConnection> Connect() =>
        Observable.Defer(() =>
        {
            Hold();
            return _proxy.LiveSession(_options.ProxyTimeout).SelectMany(Establish);
        });

    public void Dispose()
    {
        IDisposable? hold;
        lock (_gate)
        {
            _disposed = true;
            hold = _hold;
            _hold = null;
        }

        hold?.Dispose();
    }

    private void Hold()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _hold ??= _proxy.States.Subscribe(static _ => { }, static _ => { });
        }
    }

    private IObservable<IBleConnection> Establish(ProxySession session) =>
        Observable.Create<IBleConnection>(observer =>
        {
            var emitted = false;
            var requested = false;
            var known = _known;
            var steps = Heard(session)
                .SelectMany(heard => Released(session).Select(_ => heard))
                .Select(heard =>
                {
                    if (session.Slots is { } slots && slots.FullFor(_address))
                    {
                        throw Full(session, slots);
                    }

                    requested = true;
                    return heard;
                })
                .SelectMany(heard => Step(session, GattMessages.Connect(_address, heard.AddressType, withCache: known is not null), m => Connected(session, m), _options.ConnectTimeout, "connect"))
                .SelectMany(_ => known is not null ? Observable.Return(known) : Discover(session))
                .SelectMany(map => Subscribe(session, map))
                .Do(connection => emitted = true);
            var subscription = steps.Subscribe(observer.OnNext, error =>
            {
                if (error is BleLinkLostException or BleUnavailableException && known is not null)
                {
                    // The handles kept from before may be stale (new firmware): discover next time.
                    _known = null;
                }

                Abandon(session, requested);
                observer.OnError(error);
            }, observer.OnCompleted);
            return Disposable.Create(() =>
            {
                subscription.Dispose();
                if (!emitted)
                {
                    Abandon(session, requested);
                }
            });
        });

    private IObservable<BleAdvertisement> Heard(ProxySession session)
    {
        if (session.LastHeard(_address) is { } heard)
        {
            return Observable.Return(heard);
        }

        if (!session.Info.Features.HasFlag(BluetoothProxyFeatures.RawAdvertisements))
        {
            // Before raw advertisements (ESPHome 2023.x) we cannot read the address type: assume public.
            return Observable.Return(new BleAdvertisement(_address, 0, 0, null, []));
        }

        return session.Advertisements.Where(a => a.Address == _address).Take(1)
            .Timeout(_options.DiscoveryTimeout, Observable.Defer(() => Observable.Throw<BleAdvertisement>(new BleUnavailableException(
                $"Bluetooth device {Address} not heard by ESPHome proxy {session.Info.Label} within {_options.DiscoveryTimeout.TotalSeconds:0.#} s (out of range or switched off?)"))), session.Scheduler);
    }

    /// <summary>
    /// Waits (bounded) while the proxy still lists the device's slot as taken: after a drop it reports
    /// the disconnect once or twice before it frees the slot, and a connect sent in between would
    /// read those late reports as its own answer.
    /// </summary>
    private IObservable<System.Reactive.Unit> Released(ProxySession session) =>
        session.Slots is { } slots && slots.Allocated.Contains(_address)
            ? session.Inbound.OfType<BluetoothConnectionsFreeResponse>().Where(free => !free.Allocated.Contains(_address)).Take(1)
                .Select(_ => System.Reactive.Unit.Default)
                .Timeout(_options.DisconnectTimeout, Observable.Return(System.Reactive.Unit.Default), session.Scheduler)
            : Observable.Return(System.Reactive.Unit.Default);

    private IObservable<GattMap> Discover(ProxySession session) =>
        Observable.Create<GattMap>(observer =>
        {
            var services = new List<BluetoothGATTService>();
            return Step(session, new BluetoothGATTGetServicesRequest { Address = _address }, message =>
                {
                    switch (message)
                    {
                        case BluetoothGATTGetServicesResponse batch when batch.Address == _address:
                            services.AddRange(batch.Services);
                            return null;
                        case BluetoothGATTGetServicesDoneResponse done when done.Address == _address:
                            return GattMap.Resolve(services, _profile) ?? throw new BleUnavailableException(
                                $"{Address} has no GATT service {_profile.Service} with characteristics {_profile.Notify} (notify) and {_profile.Write} (write)");
                        default:
                            return GattMessages.ErrorFor(message, _address, 0) is { } error
                                ? throw new BleUnavailableException($"ESPHome proxy {session.Info.Label} could not list the services of {Address} (GATT error {error.Error})")
                                : null;
                    }
                },
                _options.GattTimeout,
                "service discovery")
                .Do(map => _known = map)
                .Subscribe(observer);
        });

    private IObservable<IBleConnection> Subscribe(ProxySession session, GattMap map)
    {
        var connection = new EsphomeBleConnection(session, _address, map, _options);
        var cccd = map.Cccd is { } handle
            ? Step(session, new BluetoothGATTWriteDescriptorRequest { Address = _address, Handle = handle, Data = ByteString.CopyFrom(map.CccdValue) }, m => Acknowledged<BluetoothGATTWriteResponse>(m, handle, "enable notifications (CCCD write)"), _options.GattTimeout, "CCCD write")
                : Observable.Return<IMessage>(new BluetoothGATTWriteResponse());
        return cccd
            .SelectMany(_ => Step(session, new BluetoothGATTNotifyRequest { Address = _address, Handle = map.Notify, Enable = true }, m => Acknowledged<BluetoothGATTNotifyResponse>(m, map.Notify, "register for notifications"), _options.GattTimeout, "notify"))
            .Select(_ => (IBleConnection)connection)
            .Catch((Exception error) =>
            {
                connection.Dispose();
                return Observable.Throw<IBleConnection>(error);
            });
    }

    /// <summary>One request and its answer, failing early when the proxy reports the device gone.</summary>
    private IObservable<TReply> Step<TReply>(ProxySession session, IMessage request, Func<IMessage, TReply?> match, TimeSpan timeout, string what)
        where TReply : class =>
        session.Exchange(request, message => message is BluetoothDeviceConnectionResponse && GattMessages.AddressOf(message) == _address && what != "connect" && GattMessages.IsDisconnected(message, _address)
                ? throw new BleLinkLostException($"Bluetooth link to {Address} lost during {what}: the ESPHome proxy reports it disconnected")
                : match(message), timeout, $"{Address} {what}")
            .Catch((TimeoutException slow) => Observable.Throw<TReply>(new BleUnavailableException(slow.Message, slow)));

    private BluetoothDeviceConnectionResponse? Connected(ProxySession session, IMessage message)
    {
        if (message is not BluetoothDeviceConnectionResponse response || response.Address != _address)
        {
            return null;
        }

        if (response.Connected)
        {
            return response;
        }

        if (response.Error == 0 && session.Slots is { } slots && slots.FullFor(_address))
        {
            throw Full(session, slots);
        }

        throw new BleUnavailableException(response.Error == 0
            ? $"ESPHome proxy {session.Info.Label} refused to connect to {Address}"
            : $"ESPHome proxy {session.Info.Label} could not connect to {Address}: error {response.Error} (out of range, or connected elsewhere?)");
    }

    private IMessage? Acknowledged<TAck>(IMessage message, uint handle, string what)
        where TAck : class, IMessage =>
        message is TAck && GattMessages.AddressOf(message) == _address && GattMessages.HandleOf(message) == handle
            ? message
            : GattMessages.ErrorFor(message, _address, handle) is { } error
                ? throw new BleUnavailableException($"{Address}: the ESPHome proxy could not {what}: GATT error {error.Error}")
                : null;

    private BleProxyFullException Full(ProxySession session, ConnectionSlots slots) =>
        new($"ESPHome proxy {session.Info.Label} has no free Bluetooth connection slot: {slots} (free one, or raise bluetooth_proxy: connection_slots)");

    private void Abandon(ProxySession session, bool requested)
    {
        if (requested && session.IsAlive)
        {
            session.Send(GattMessages.Disconnect(_address));
        }
    }
}
