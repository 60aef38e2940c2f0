using System.Reactive.Concurrency;
using Streams.Config.Model;
using Streams.Simulation;

namespace Streams.Composition.Kinds;

/// <summary>A device <c>kind: simulator</c> can imitate (its YAML <c>device</c> name) and how the bridge polls it.</summary>
/// <param name="Name">The <c>device</c> value, e.g. <c>eg4-ll</c>.</param>
/// <param name="MaxCells">Cells the device's map holds; a larger <c>cell_count</c> is capped to it.</param>
/// <param name="SinglePack">True when the protocol has no addresses, so a simulator of it serves one pack.</param>
/// <param name="Create">One device at an address, with a cell count, a clock for its drift, and a seed.</param>
/// <param name="PolledAs">The real-hardware source that polls a running simulator on a port at a baud rate.</param>
internal sealed record SimulatedDeviceKind(
    string Name,
    int MaxCells,
    bool SinglePack,
    Func<byte, int, IScheduler, int, ISimulatedDevice> Create,
    Func<SimulatorSourceConfig, string, int, SourceConfig> PolledAs);
