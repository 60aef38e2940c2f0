using System.Reactive.Concurrency;
using Streams.Devices.Modbus;
using Streams.Simulation;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// An EG4-LL pack acting as bank master towards an inverter (docs/protocols.md §2, "master packs
/// use another map"): registers 0..18 read as zero, bank data sits at 19..41 and the cells at
/// 113..128. Answers fn 0x03 reads of any range in 0..128, exception 0x02 past it. The bank is this
/// one pack, so bank totals are the pack's own values.
/// </summary>
internal sealed class SimulatedEg4LlMasterPack : ISimulatedDevice
{
    /// <summary>Registers 0..128 exist.</summary>
    public const int RegisterTableLength = FirstCell + Eg4LlRegisterMap.MaxCells;

    public const int Status = 19;
    public const int Protection = 20;
    public const int StateOfCharge = 21;

    /// <summary>Pack voltage in 10 mV.</summary>
    public const int Voltage = 22;

    /// <summary>Current in 10 mA, int16, + = charging.</summary>
    public const int Current = 23;

    public const int MaxTemperature = 24;

    /// <summary>Bank remaining capacity, 0.01 Ah (seen in a real reply, vector eg4-bus-resp-6500ex).</summary>
    public const int RemainingCapacity = 26;

    /// <summary>Bank full capacity, 0.01 Ah (same vector).</summary>
    public const int FullCapacity = 27;

    public const int Cycles = 30;
    public const int StateOfHealth = 32;
    public const int MaxCellMillivolts = 37;
    public const int MinCellMillivolts = 38;

    /// <summary>1-based number of the highest cell.</summary>
    public const int MaxCellNumber = 39;

    /// <summary>1-based number of the lowest cell.</summary>
    public const int MinCellNumber = 40;

    public const int CellCount = 41;
    public const int FirstCell = 113;

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
        ModbusRegisterSlave.Answer(request, Address, RegisterTableLength, ReadRegisters);

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
        var registers = new ushort[RegisterTableLength];
        var current = Math.Round(pack.Current, 2);
        registers[Status] = (ushort)(current > 0.5 ? 1 : current < -0.5 ? 2 : 0);
        registers[StateOfCharge] = (ushort)Math.Round(pack.StateOfCharge);
        registers[Voltage] = (ushort)Math.Round(cells.Sum(mv => mv) / 10.0);
        registers[Current] = (ushort)(short)Math.Round(current * 100);
        registers[MaxTemperature] = (ushort)pack.SensorTemperatures().Max();
        registers[RemainingCapacity] = (ushort)Math.Round(pack.RemainingAh * 100);
        registers[FullCapacity] = (ushort)(SimulatedPack.CapacityAh * 100);
        registers[Cycles] = (ushort)pack.Cycles;
        registers[StateOfHealth] = 100;
        var highest = Array.IndexOf(cells, cells.Max());
        var lowest = Array.IndexOf(cells, cells.Min());
        registers[MaxCellMillivolts] = cells[highest];
        registers[MinCellMillivolts] = cells[lowest];
        registers[MaxCellNumber] = (ushort)(highest + 1);
        registers[MinCellNumber] = (ushort)(lowest + 1);
        registers[CellCount] = (ushort)cells.Length;
        cells.CopyTo(registers, FirstCell);
        return registers;
    }
}
