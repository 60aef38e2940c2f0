using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Config.Model;
using Streams.Core;
using Streams.Polling;
using Streams.Transports.Bluetooth;
using Streams.Transports.Serial;

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

    /// <summary>Opens a Bluetooth LE peripheral (adapter, address, the device's GATT profile); BlueZ when null.</summary>
    public Func<string, string, GattProfile, IBleLink>? OpenBle { get; init; }

    /// <summary>Backoff between reopen attempts of a lost port.</summary>
    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Default;

    /// <summary>Switch commands from Home Assistant, for the devices that take them.</summary>
    public IObservable<SwitchCommand> Commands { get; init; } = Observable.Never<SwitchCommand>();

    /// <summary>The options every active poller gets.</summary>
    public PollerOptions Poller => new(Log) { Trace = Trace, CapturePath = CapturePath };

    /// <summary>A serial port kept open: opened once, reopened with <see cref="Reconnect"/> backoff; shared while subscribed.</summary>
    public IObservable<LinkStatus> SerialLink(string port, int baud)
    {
        var settings = new SerialSettings(port, baud);
        return SerialLinks.Reconnecting(() => Open(settings), Reconnect, Scheduler).Publish().RefCount();
    }

    public IBleLink BleLink(string adapter, string mac, GattProfile profile) =>
        OpenBle?.Invoke(adapter, mac, profile) ?? new BlueZLink(adapter, mac, profile, Scheduler);
}
