using System.Reactive.Concurrency;
using Streams.Devices.Modbus;
using Streams.Simulation;
using static Streams.Devices.Eg4Ll.Eg4LlMasterMap;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// An EG4-LL pack acting as bank master towards an inverter (docs/protocols.md §2, "master packs
/// use another map"): registers 0..18 read as zero, bank data sits at 19..41 and the cells at
/// 113..128 (<see cref="Eg4LlMasterMap"/>). Answers fn 0x03 reads of any range in 0..128, exception
/// 0x02 past it. The bank is this one pack, so bank totals are the pack's own values.
/// </summary>
internal sealed class SimulatedEg4LlMasterPack : ISimulatedDevice
{
    private readonly Lock _gate = new();
    private readonly IScheduler _clock;
    private readonly SimulatedPack _pack;

    /// <param name="address">Modbus slave id, 1..247 (0x10 in the vendor document).</param>
    /// <param name="cellCount">Cells, 1..16.</param>
    /// <param name="clock">Whose <see cref="IScheduler.Now"/> drives the drift.</param>
    /// <param name="seed">Starting state and drift.</param>
    public SimulatedEg4LlMasterPack(byte address, int cellCount, IScheduler clock, int seed)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellCount, Eg4LlRegisterMap.MaxCells);
        Address = address;
        _clock = clock;
        _pack = new SimulatedPack(cellCount, seed);
    }

    public SimulatedProtocol Protocol => ModbusSimulation.Protocol;

    public byte Address { get; }

    public byte[]? Answer(ReadOnlySpan<byte> request) =>
        ModbusRegisterSlave.Answer(request, Address, TableLength, ReadRegisters);

    /// <summary>The whole register table 0..128 now.</summary>
    public ushort[] ReadRegisters()
    {
        lock (_gate)
        {
            _pack.AdvanceTo(_clock.Now);
            return Encode(_pack);
        }
    }

    private static ushort[] Encode(SimulatedPack pack)
    {
        var cells = pack.CellMillivolts();
        var registers = new ushort[TableLength];
        var current = Math.Round(pack.Current, 2);
        registers[Eg4LlMasterMap.Status] = (ushort)(current > 0.5 ? 1 : current < -0.5 ? 2 : 0);
        registers[StateOfCharge] = (ushort)Math.Round(pack.StateOfCharge);
        registers[Voltage] = (ushort)Math.Round(cells.Sum(mv => mv) / 10.0);
        registers[Current] = (ushort)(short)Math.Round(current * 100);
        registers[Temperature] = (ushort)pack.SensorTemperatures().Max();
        registers[RemainingCapacity] = (ushort)Math.Round(pack.RemainingAh * 100);
        registers[FullCapacity] = (ushort)(SimulatedPack.CapacityAh * 100);
        registers[Cycles] = (ushort)pack.Cycles;
        registers[StateOfHealth] = 100;
        var highest = Array.IndexOf(cells, cells.Max());
        var lowest = Array.IndexOf(cells, cells.Min());
        registers[MaxCellMillivolts] = cells[highest];
        registers[MinCellMillivolts] = cells[lowest];
        registers[MaxCellIndex] = (ushort)highest;
        registers[MinCellIndex] = (ushort)lowest;
        registers[CellCount] = (ushort)cells.Length;
        registers[Firmware] = 0x0204;
        cells.CopyTo(registers, FirstCell);
        return registers;
    }
}
