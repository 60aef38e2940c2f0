using System.Reactive.Concurrency;
using Streams.Config.Model;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Simulation;

namespace Streams.Composition;

/// <summary>Creates the simulated device for a configured <see cref="SimulatedDevice"/> kind.</summary>
public static class SimulatedDevices
{
    /// <summary>The protocol a device kind speaks.</summary>
    public static SimulatedProtocol ProtocolOf(SimulatedDevice kind) => kind switch
    {
        SimulatedDevice.Eg4Ll or SimulatedDevice.Eg4LlMaster => SimulatedProtocol.ModbusRtu,
        SimulatedDevice.Eg47E => SimulatedProtocol.Eg4Legacy,
        SimulatedDevice.Jbd => SimulatedProtocol.Jbd,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown simulated device kind."),
    };

    /// <summary>
    /// One device of <paramref name="kind"/> at <paramref name="address"/>. EG4 packs hold at most 16
    /// cells (their maps have 16 cell slots), so a larger <paramref name="cellCount"/> is capped there.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind, or a cell count outside 1..32.</exception>
    public static ISimulatedDevice Create(SimulatedDevice kind, byte address, int cellCount, IScheduler clock, int seed)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellCount, SimulatedPack.MaxCells);
        var eg4Cells = Math.Min(cellCount, Eg4LlRegisterMap.MaxCells);
        return kind switch
        {
            SimulatedDevice.Eg4Ll => new SimulatedEg4LlPack(address, eg4Cells, clock, seed),
            SimulatedDevice.Eg4LlMaster => new SimulatedEg4LlMasterPack(address, eg4Cells, clock, seed),
            SimulatedDevice.Eg47E => new SimulatedEg47EPack(address, eg4Cells, clock, seed),
            SimulatedDevice.Jbd => new SimulatedJbdBms(cellCount, clock, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown simulated device kind."),
        };
    }

    /// <summary>
    /// A per-pack seed from a base seed and the pack's identity, stable across runs and processes
    /// (string.GetHashCode is randomised per process, so the name is hashed with FNV-1a).
    /// </summary>
    public static int SeedFor(int baseSeed, PackConfig pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var hash = 2166136261u;
        foreach (var c in pack.Name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return baseSeed ^ (int)hash ^ (pack.Address * 7919);
    }
}
