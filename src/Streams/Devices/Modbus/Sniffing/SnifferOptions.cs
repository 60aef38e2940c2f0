using Serilog;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>What one passive sniffer needs besides its bytes and clock.</summary>
/// <param name="Naming">Names of configured addresses; others are auto-named.</param>
/// <param name="Map">The register map of the device that claims the bus's slaves.</param>
/// <param name="Log">First sightings, decode problems and (with <see cref="TraceAs"/>) frames.</param>
internal sealed record SnifferOptions(SnifferNaming Naming, ISniffedRegisterMap Map, ILogger Log)
{
    /// <summary>Framing and pairing totals; may be shared and read while the sniffer runs.</summary>
    public SnifferCounters Counters { get; init; } = new();

    /// <summary>Logs every frame at debug level, named by this (the port, or <c>replay</c>); null for none.</summary>
    public string? TraceAs { get; init; }
}
