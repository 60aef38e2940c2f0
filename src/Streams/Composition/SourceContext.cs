using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Config.Model;
using Streams.Core;
using Streams.Polling;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome;
using Streams.Transports.Serial;
using Streams.Transports.Tcp;

namespace Streams.Composition;

/// <summary>What a source kind needs, besides the source's configuration, to build its polls.</summary>
/// <param name="Scheduler">Runs cadence, timeouts, gaps, reconnect backoff and timestamps.</param>
/// <param name="Log">Connection changes, identity reads, trace lines.</param>
/// <param name="Health">Offline threshold and heartbeat.</param>
internal sealed record SourceContext(IScheduler Scheduler, ILogger Log, HealthConfig Health)
{
    /// <summary><c>--trace</c>: every frame heard, in hex, at debug level.</summary>
    public bool Trace { get; init; }

    /// <summary><c>--capture FILE</c>: raw bytes of sources without their own <c>capture_path</c>; null for none.</summary>
    public string? CapturePath { get; init; }

    /// <summary>Opens a serial port; <see cref="TermiosSerialPort.Open(SerialSettings)"/> by default, a pty or fake in tests.</summary>
    public Func<SerialSettings, ISerialLink> Open { get; init; } = TermiosSerialPort.Open;

    /// <summary>Connects to a network serial converter (a <c>tcp://host:port</c> port); <see cref="TcpLink.Connect"/> by default.</summary>
    public Func<TcpSettings, ISerialLink> Connect { get; init; } = TcpLink.Connect;

    /// <summary>Opens a Bluetooth LE peripheral (adapter, address, the device's GATT profile); BlueZ when null.</summary>
    public Func<string, string, GattProfile, IBleLink>? OpenBle { get; init; }

    /// <summary>The ESPHome proxies of the run, one per <c>host:port</c>, shared by every source that names one.</summary>
    public EsphomeProxies Proxies { get; init; } = new();

    /// <summary>Backoff between reopen attempts of a lost port.</summary>
    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Default;

    /// <summary>Switch commands from Home Assistant, for the devices that take them.</summary>
    public IObservable<SwitchCommand> Commands { get; init; } = Observable.Never<SwitchCommand>();

    /// <summary>The options every active poller gets.</summary>
    public PollerOptions Poller => new(Log) { Trace = Trace, CapturePath = CapturePath };

    /// <summary>
    /// A serial port kept open: opened once, reopened with <see cref="Reconnect"/> backoff; shared
    /// while subscribed. A <c>tcp://host:port</c> port is a network serial converter, reached with
    /// <see cref="Connect"/> (the converter sets the bus speed, so <paramref name="baud"/> is unused);
    /// anything else is a device path, opened with <see cref="Open"/>.
    /// </summary>
    /// <exception cref="FormatException">A <c>tcp://</c> port that is no TCP address (the configuration loader refuses those first).</exception>
    public IObservable<LinkStatus> SerialLink(string port, int baud)
    {
        Func<ISerialLink> open;
        if (TcpEndpoint.IsTcp(port))
        {
            var converter = new TcpSettings(TcpEndpoint.Parse(port));
            open = () => Connect(converter);
        }
        else
        {
            var settings = new SerialSettings(port, baud);
            open = () => Open(settings);
        }

        return SerialLinks.Reconnecting(open, Reconnect, Scheduler).Publish().RefCount();
    }

    /// <summary>A link to the peripheral <paramref name="mac"/>: through <paramref name="proxy"/> when given (its one API connection), otherwise BlueZ on <paramref name="adapter"/>.</summary>
    public IBleLink BleLink(string adapter, EsphomeProxyConfig? proxy, string mac, GattProfile profile) =>
        proxy is not null
            ? new EsphomeBleLink(Proxies.For(proxy, Scheduler, Log), mac, profile)
            : OpenBle?.Invoke(adapter, mac, profile) ?? new BlueZLink(adapter, mac, profile, Scheduler);
}
