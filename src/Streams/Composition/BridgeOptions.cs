using Streams.Service;
using Streams.Transports.Capture;

namespace Streams.Composition;

/// <summary>The command line's choices for one run of the bridge.</summary>
/// <param name="DryRun">Simulated packs instead of the configured ones, one poll cycle, then exit.</param>
/// <param name="Trace">Log every frame in hex at debug level.</param>
/// <param name="ReplayPath">Feed this capture through the sniffer instead of reading ports.</param>
/// <param name="CapturePath">Append every raw byte read from serial sources to this file.</param>
public sealed record BridgeOptions(bool DryRun, bool Trace, string? ReplayPath, string? CapturePath)
{
    /// <summary>Reports replay progress (bytes read of total); null when nobody watches.</summary>
    public IProgress<ReplayProgress>? ReplayProgress { get; init; }

    /// <summary>Told when a live run is ready and, while it makes progress, that it is alive; null outside a service.</summary>
    public IServiceManager? ServiceManager { get; init; }
}
