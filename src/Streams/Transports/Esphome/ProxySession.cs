using System.Collections.Concurrent;
using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Google.Protobuf;
using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>
/// One live API connection to a proxy, shared by every BMS behind it: the messages received, the
/// latest slot count and the advertisements heard. It answers the proxy's pings, pings when the
/// proxy is quiet and ends when the proxy stays silent, closes or refuses the password.
/// </summary>
/// <remarks>
/// It subscribes to Bluetooth advertisements once and keeps that subscription for its whole life:
/// only the client that subscribed last gets the proxy's Bluetooth replies, and the proxy tears the
/// BLE links of a client down when it unsubscribes or disconnects.
/// </remarks>
internal sealed class ProxySession
{
    /// <summary>The API version we speak: 1.12 brings 16-bit GATT UUIDs; password login is not assumed.</summary>
    public const uint ApiMajor = 1;
    public const uint ApiMinor = 12;

    private readonly IApiTransport _transport;
    private readonly IScheduler _scheduler;
    private readonly ConcurrentDictionary<ulong, BleAdvertisement> _heard = new();
    private volatile ConnectionSlots? _slots;
    private volatile Exception? _endReason;

    private ProxySession(IApiTransport transport, IObservable<IMessage> inbound, string endpoint, IScheduler scheduler)
    {
        _transport = transport;
        Inbound = inbound;
        _scheduler = scheduler;
        Info = new ProxyInfo(endpoint, transport.ServerName ?? string.Empty, string.Empty, string.Empty, string.Empty, 0, 0, BluetoothProxyFeatures.None, string.Empty);
    }

    public ProxyInfo Info { get; private set; }

    /// <summary>Hot: every message received; fails with the reason when the session ends.</summary>
    public IObservable<IMessage> Inbound { get; }

    /// <summary>Hot: every advertisement heard (the proxy batches them every 100–200 ms).</summary>
    public IObservable<BleAdvertisement> Advertisements =>
        Inbound.OfType<BluetoothLERawAdvertisementsResponse>().SelectMany(r => r.Advertisements).Select(BleAdvertisement.From);

    public bool IsAlive => _endReason is null;

    /// <summary>The latest slot count; null until the proxy sent one.</summary>
    public ConnectionSlots? Slots => _slots;

    public IScheduler Scheduler => _scheduler;

    /// <summary>The last advertisement heard from <paramref name="address"/> during this session.</summary>
    public BleAdvertisement? LastHeard(ulong address) => _heard.TryGetValue(address, out var heard) ? heard : null;

    public void Send(IMessage message) => _transport.Send(message);

    /// <summary>
    /// Cold: sets the session up over <paramref name="transport"/> (hello, the legacy password when one
    /// is configured, device info, the subscriptions), emits it, and then fails with the reason when it
    /// ends. Disposing closes the connection.
    /// </summary>
    public static IObservable<ProxySession> Open(IApiTransport transport, EsphomeEndpoint endpoint, EsphomeProxyOptions options, IScheduler scheduler) =>
        Observable.Create<ProxySession>(observer =>
        {
            ProxySession? session = null;
            var inbound = transport.Messages
                .Do(message => Answer(transport, message))
                .Select(message => Check(message, session?.Info.Label ?? endpoint.Name))
                .KeepAlive(() => transport.Send(new PingRequest()), options.KeepAliveInterval, options.DeadAfter, scheduler)
                .Catch((TimeoutException silent) => Observable.Throw<IMessage>(new EsphomeApiException(
                    $"ESPHome proxy {session?.Info.Label ?? endpoint.Name} stopped answering: {silent.Message} (Wi-Fi lost or the proxy hangs)", silent)))
                .Publish();
            session = new ProxySession(transport, inbound, endpoint.Name, scheduler);
            var trackers = session.Track();
            var setup = session.SetUp(endpoint, options).Select(_ => session)
                .Concat(Observable.Defer(() => session.Ended()).SelectMany(error => Observable.Throw<ProxySession>(error)));
            var output = setup.Subscribe(observer);
            var reading = inbound.Connect();
            return new CompositeDisposable(output, trackers, reading, transport);
        });

    /// <summary>
    /// Subscribes to the first message <paramref name="match"/> accepts (it may throw to fail), then
    /// sends <paramref name="request"/>; fails with <see cref="TimeoutException"/> (naming
    /// <paramref name="what"/>) when none comes within <paramref name="timeout"/>, or with the session's end.
    /// </summary>
    public IObservable<TReply> Exchange<TReply>(IMessage? request, Func<IMessage, TReply?> match, TimeSpan timeout, string what)
        where TReply : class =>
        Observable.Create<TReply>(observer =>
        {
            var reply = Inbound.Select(match).Where(r => r is not null).Select(r => r!).Take(1)
                .Timeout(timeout, Observable.Defer(() => Observable.Throw<TReply>(new TimeoutException($"{what}: no answer from ESPHome proxy {Info.Label} within {timeout.TotalSeconds:0.#} s"))), _scheduler)
                .Subscribe(observer);
            if (request is not null)
            {
                Send(request);
            }

            return reply;
        });

    /// <summary>Emits the reason once the session has ended (at once when it already has).</summary>
    public IObservable<Exception> Ended() =>
        Inbound.IgnoreElements().Select(_ => (Exception?)null)
            .Catch((Exception error) => Observable.Return<Exception?>(error))
            .Concat(Observable.Return<Exception?>(null))
            .Take(1)
            .Select(error => error ?? new EsphomeApiException($"ESPHome proxy {Info.Label} closed the API connection"));

    private IDisposable Track() => new CompositeDisposable(
        Inbound.OfType<BluetoothConnectionsFreeResponse>().Subscribe(free => _slots = ConnectionSlots.From(free), static _ => { }),
        Advertisements.Subscribe(heard => _heard[heard.Address] = heard, static _ => { }),
        Inbound.Subscribe(static _ => { }, error => _endReason = error, () => _endReason ??= new EsphomeApiException($"ESPHome proxy {Info.Label} closed the API connection")));

    private IObservable<Unit> SetUp(EsphomeEndpoint endpoint, EsphomeProxyOptions options)
    {
        var hello = new HelloRequest { ClientInfo = options.ClientInfo, ApiVersionMajor = ApiMajor, ApiVersionMinor = ApiMinor };
        return Exchange(hello, m => m as HelloResponse, options.SetupTimeout, "hello")
            .Do(_ =>
            {
                if (endpoint.Password is { } password)
                {
                    // ESPHome 2026.1 dropped password login and never answers: do not wait for it.
                    // An older firmware answers at once when the password is wrong (see Check).
                    Send(new AuthenticationRequest { Password = password });
                }
            })
            .SelectMany(helloResponse => Exchange(new DeviceInfoRequest(), m => m as DeviceInfoResponse, options.SetupTimeout, "device info")
                .Select(device => ProxyInfo.From(endpoint.Name, helloResponse, device)))
            .Select(info =>
            {
                Info = info;
                if (!info.Features.HasFlag(BluetoothProxyFeatures.ActiveConnections) || !info.Features.HasFlag(BluetoothProxyFeatures.RemoteCaching))
                {
                    throw new EsphomeApiException(
                        $"ESPHome proxy {info.Label} cannot connect to Bluetooth devices: its YAML needs bluetooth_proxy: active: true (ESPHome 2022.12 or later; features 0x{(uint)info.Features:X})");
                }

                Send(new SubscribeBluetoothLEAdvertisementsRequest { Flags = info.Features.HasFlag(BluetoothProxyFeatures.RawAdvertisements) ? 1u : 0u });
                Send(new SubscribeBluetoothConnectionsFreeRequest());
                return Unit.Default;
            });
    }

    private static void Answer(IApiTransport transport, IMessage message)
    {
        switch (message)
        {
            case PingRequest:
                transport.Send(new PingResponse());
                break;
            case DisconnectRequest:
                transport.Send(new DisconnectResponse());
                break;
        }
    }

    private static IMessage Check(IMessage message, string proxy) => message switch
    {
        DisconnectRequest => throw new EsphomeApiException($"ESPHome proxy {proxy} closed the API connection (it is restarting, or was told to)"),
        AuthenticationResponse { InvalidPassword: true } => throw new EsphomeApiException($"ESPHome proxy {proxy} refused the API password (api: password in its YAML)"),
        _ => message,
    };
}
