using Serilog;
using Streams.Framing;

namespace Streams.Polling;

/// <summary>What every active poller needs besides its source configuration and scheduler.</summary>
/// <param name="Log">Connection changes, identity reads and (with <see cref="Trace"/>) frames.</param>
internal sealed record PollerOptions(ILogger Log)
{
    /// <summary><c>--trace</c>: log every frame heard on the bus in hex at debug level.</summary>
    public bool Trace { get; init; }

    /// <summary>Capture file used when the source has no <c>capture_path</c> of its own; null for none.</summary>
    public string? CapturePath { get; init; }

    /// <summary>Correlation totals; a new set per subscription when null.</summary>
    public CorrelationCounters? Counters { get; init; }

    /// <summary>Framing totals (frames, noise, checksum failures); a new set per subscription when null.</summary>
    public FramingCounters? Framing { get; init; }
}
