using System.Reactive.Concurrency;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Core;

namespace Streams.Tools;

/// <summary>
/// <c>streams simulate</c>: simulated devices of any kind the registry knows, served on a new
/// pseudo-terminal, exactly as <c>kind: simulator</c> serves them to the bridge.
/// </summary>
public static class SimulateTool
{
    /// <summary>The most cells a simulated pack can have (EG4 maps hold 16 of them).</summary>
    public const int MaxCells = CommonFields.MaxCells;

    /// <summary>The <c>--device</c> names, in the order help texts list them.</summary>
    public static IReadOnlyList<string> DeviceNames { get; } = [.. SourceKinds.SimulatedDevices.Select(device => device.Name)];

    /// <summary>True for a device whose protocol has no addresses, so exactly one is served.</summary>
    public static bool IsSinglePack(string device) => SourceKinds.Simulated(device)?.SinglePack ?? false;

    /// <summary>Starts serving one <paramref name="device"/> per address; packs are named <c>device-address</c>.</summary>
    /// <exception cref="ArgumentException">An unknown device, or several addresses for a single-pack device.</exception>
    /// <exception cref="IOException">No pty could be allocated, or the link path is taken by a file.</exception>
    public static RunningSimulator Start(string device, IReadOnlyList<int> addresses, int cells, string? linkPath, int seed)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var packs = addresses.Select(address => new PackConfig($"{device}-{address}", address)).ToArray();
        var config = new SimulatorSourceConfig(device, TimeSpan.FromSeconds(10), 39, cells, packs);
        return new RunningSimulator(SimulatedSource.Start(config, DefaultScheduler.Instance, linkPath, seed: seed));
    }
}
