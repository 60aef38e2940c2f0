using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Streams.Transports.Esphome;

/// <summary>
/// One ESPHome Bluetooth proxy, shared by every BMS link behind it: keeps one API connection up
/// while any link uses it (it lives exactly as long as subscriptions to its states: the links hold them), reconnecting with backoff when it is lost. BLE links fail and recover
/// on their own; losing the API connection ends all of them, and they reconnect through the next one.
/// </summary>
internal sealed class EsphomeProxy
{
    private readonly IApiConnector _connector;
    private readonly EsphomeEndpoint _endpoint;
    private readonly EsphomeProxyOptions _options;
    private readonly IScheduler _scheduler;
    private readonly IObservable<ProxyState> _states;

    /// <param name="endpoint">Host, port, encryption key or legacy password.</param>
    /// <param name="options">Timings, backoff, log.</param>
    /// <param name="scheduler">Runs every timeout, keep-alive and backoff wait.</param>
    public EsphomeProxy(EsphomeEndpoint endpoint, EsphomeProxyOptions options, IScheduler scheduler)
        : this(new TcpApiConnector(endpoint), endpoint, options, scheduler)
    {
    }

    internal EsphomeProxy(IApiConnector connector, EsphomeEndpoint endpoint, EsphomeProxyOptions options, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        _connector = connector;
        _endpoint = endpoint;
        _options = options;
        _scheduler = scheduler;
        _states = Supervise().Replay(1).RefCount();
    }

    public string Name => _endpoint.Name;

    /// <summary>Hot while subscribed: the connection's states, the latest first. The first subscriber starts it, the last one's leaving closes it.</summary>
    internal IObservable<ProxyState> States => _states;

    /// <summary>The live session, waiting up to <paramref name="timeout"/> for one; fails with the last reason it is down.</summary>
    internal IObservable<ProxySession> LiveSession(TimeSpan timeout) =>
        Observable.Defer(() =>
        {
            Exception? lastReason = null;
            return _states
                .Do(state => lastReason = state is ProxyState.Down down ? down.Reason : lastReason)
                .Select(state => state is ProxyState.Up { Session.IsAlive: true } up ? up.Session : null)
                .Where(session => session is not null)
                .Select(session => session!)
                .Take(1)
                .Timeout(timeout, Observable.Defer(() => Observable.Throw<ProxySession>(lastReason
                    ?? new EsphomeApiException($"ESPHome proxy {Name} unreachable: no API connection within {timeout.TotalSeconds:0.#} s"))), _scheduler);
        });

    private IObservable<ProxyState> Supervise() =>
        Observable.Defer(() =>
        {
            var failures = 0;
            string? lastLogged = null;
            var attempt = Observable.Defer(() => _connector.Connect().Take(1).Timeout(_options.SetupTimeout, _scheduler)
                    .Catch((TimeoutException slow) => Observable.Throw<IApiTransport>(new EsphomeApiException($"ESPHome proxy {Name} unreachable: no connection within {_options.SetupTimeout.TotalSeconds:0.#} s", slow)))
                    .SelectMany(transport => ProxySession.Open(transport, _endpoint, _options, _scheduler))
                    .Select(session =>
                    {
                        failures = 0;
                        lastLogged = null;
                        _options.Log.Information(
                            "ESPHome proxy {Proxy:l}: connected (ESPHome {Version:l}, API {Major}.{Minor}{Encryption:l})",
                            session.Info.Label, session.Info.EsphomeVersion, session.Info.ApiMajor, session.Info.ApiMinor, _endpoint.EncryptionKey is null ? ", plaintext" : ", encrypted");
                        return (ProxyState)new ProxyState.Up(session);
                    })
                    .Concat(Observable.Throw<ProxyState>(new EsphomeApiException($"ESPHome proxy {Name} closed the API connection"))))
                .StartWith(new ProxyState.Connecting())
                .Catch((Exception error) =>
                {
                    failures++;
                    var delay = _options.Reconnect.DelayBefore(failures);
                    var reason = error as EsphomeApiException ?? new EsphomeApiException($"ESPHome proxy {Name} failed: {error.Message}", error);
                    if (reason.Message != lastLogged)
                    {
                        lastLogged = reason.Message;
                        _options.Log.Warning("{Reason:l}; reconnecting in {Delay:0.#} s", reason.Message, delay.TotalSeconds);
                    }

                    return Observable.Return<ProxyState>(new ProxyState.Down(reason, delay))
                        .Concat(Observable.Timer(delay, _scheduler).IgnoreElements().Select(_ => (ProxyState)null!));
                });
            return attempt.Repeat();
        });
}
