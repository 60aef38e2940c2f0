using Streams.Sinks;
using Streams.Service;
using Streams.Transports.Capture;

namespace Streams.Composition;

/// <summary>The command line's choices for one run of the bridge.</summary>
/// <param name="DryRun">Simulated packs instead of the configured ones, one poll cycle, then exit.</param>
/// <param name="Trace">Log every frame in hex at debug level.</param>
/// <param name="ReplayPath">Feed this capture through the sniffer instead of reading ports.</param>
/// <param name="CapturePath">Append the raw bus bytes of the serial and network sources to this file (both directions).</param>
public sealed record BridgeOptions(bool DryRun, bool Trace, string? ReplayPath, string? CapturePath)
{
    /// <summary>Reports replay progress (bytes read of total); null when nobody watches.</summary>
    public IProgress<ReplayProgress>? ReplayProgress { get; init; }

    /// <summary>Shows every reading and availability change on the console's table (<c>--output table</c>); null for none.</summary>
    public PackBoard? Board { get; init; }

    /// <summary>Told when a live run is ready and, while it makes progress, that it is alive; null outside a service.</summary>
    public IServiceManager? ServiceManager { get; init; }
}
