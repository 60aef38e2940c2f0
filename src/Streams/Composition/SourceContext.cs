using System.Reactive.Concurrency;
using Serilog;
using Streams.Config.Model;
using Streams.Health;
using Streams.Transports.Serial;

namespace Streams.Composition;

/// <summary>What <see cref="SourcePipelines.Create"/> needs besides a source's configuration.</summary>
/// <param name="Scheduler">Runs cadence, timeouts, gaps, reconnect backoff and timestamps.</param>
/// <param name="Log">Connection changes, identity reads, trace lines.</param>
/// <param name="Health">Offline threshold and heartbeat, for <see cref="PackHealth.MonitorHealth"/>.</param>
public sealed record SourceContext(IScheduler Scheduler, ILogger Log, HealthConfig Health)
{
    /// <summary><c>--trace</c>: every frame heard, in hex, at debug level.</summary>
    public bool Trace { get; init; }

    /// <summary><c>--capture FILE</c>: raw bytes of sources without their own <c>capture_path</c>; null for none.</summary>
    public string? CapturePath { get; init; }

    /// <summary>Opens a serial port; <see cref="TermiosSerialPort.Open(SerialSettings)"/> by default, a pty or fake in tests.</summary>
    public Func<SerialSettings, ISerialLink> Open { get; init; } = TermiosSerialPort.Open;

    /// <summary>Backoff between reopen attempts of a lost port.</summary>
    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Default;
}
