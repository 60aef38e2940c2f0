using System.Reactive.Concurrency;
using Streams.Devices.Modbus;
using Streams.Simulation;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// An EG4-LL / LifePower4 v2 slave pack (docs/protocols.md §2): answers fn 0x03 reads of any range
/// in registers 0..127 (the status block at 0..46 with 39..46 zero, zeros up to 104, the identity
/// block at 105..127), exception 0x02 for reads past 127, and nothing for other addresses. Values
/// come from a <see cref="SimulatedPack"/> advanced to the clock's time at every read.
/// </summary>
internal sealed class SimulatedEg4LlPack : ISimulatedDevice
{
    /// <summary>Registers 0..127 exist.</summary>
    public const int RegisterTableLength = Eg4LlRegisterMap.IdentityStart + Eg4LlRegisterMap.IdentityCount;

    /// <summary>The 48 V packs' charge current limit, register 22.</summary>
    public const ushort MaxChargeCurrent = 50;

    /// <summary>100 Ah in mAs (0x15752A00), registers 31–32.</summary>
    public const uint FullCapacityMilliampSeconds = 360_000_000;

    private readonly Lock _gate = new();
    private readonly IScheduler _clock;
    private readonly SimulatedPack _pack;
    private readonly ushort[] _identityRegisters;

    /// <param name="address">Modbus slave id, 1..247.</param>
    /// <param name="cellCount">Cells, 1..16 (the map has 16 cell registers).</param>
    /// <param name="clock">Whose <see cref="IScheduler.Now"/> drives the drift.</param>
    /// <param name="seed">Starting state and drift; the serial number shows it.</param>
    public SimulatedEg4LlPack(byte address, int cellCount, IScheduler clock, int seed)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellCount, Eg4LlRegisterMap.MaxCells);
        Address = address;
        _clock = clock;
        _pack = new SimulatedPack(cellCount, seed);
        Identity = new Eg4LlIdentity("LFP-51.2V100Ah-SIM", "Z02T04", $"SIM{address:D3}{(uint)seed % 100_000_000:D8}");
        _identityRegisters = Eg4LlRegisterEncoder.EncodeIdentity(Identity);
    }

    public SimulatedProtocol Protocol => ModbusSimulation.Protocol;

    public byte Address { get; }

    /// <summary>What registers 105..127 say.</summary>
    public Eg4LlIdentity Identity { get; }

    public byte[]? Answer(ReadOnlySpan<byte> request) =>
        ModbusRegisterSlave.Answer(request, Address, RegisterTableLength, ReadRegisters);

    /// <summary>The state the pack reports now (advances the simulation to the clock's time).</summary>
    public Eg4LlStatus ReadStatus()
    {
        lock (_gate)
        {
            _pack.AdvanceTo(_clock.Now);
            return StatusOf(_pack);
        }
    }

    /// <summary>The whole register table 0..127 now.</summary>
    public ushort[] ReadRegisters()
    {
        var registers = new ushort[RegisterTableLength];
        Eg4LlRegisterEncoder.EncodeStatus(ReadStatus(), Eg4LlRegisterMap.SeedStatusCount).CopyTo(registers, 0);
        _identityRegisters.CopyTo(registers, Eg4LlRegisterMap.IdentityStart);
        return registers;
    }

    private static Eg4LlStatus StatusOf(SimulatedPack pack)
    {
        var cells = pack.CellMillivolts();
        var sensors = pack.SensorTemperatures();
        var current = Math.Round(pack.Current, 2);
        return new Eg4LlStatus(
            PackVoltage: cells.Sum(mv => mv) / 1000.0,
            Current: current,
            CellMillivolts: cells,
            ReportedCellCount: cells.Length,
            PcbTemperature: (short)Math.Round(pack.PcbTemperature),
            MaxTemperature: sensors.Max(),
            AverageTemperature: (short)Math.Round(sensors.Average(t => t)),
            RemainingCapacity: (ushort)Math.Round(pack.RemainingAh),
            MaxChargeCurrent: MaxChargeCurrent,
            StateOfHealth: 100,
            StateOfCharge: (ushort)Math.Round(pack.StateOfCharge),
            StatusWord: (ushort)StateOf(current),
            WarningBits: 0,
            ProtectionBits: 0,
            ErrorBits: 0,
            Cycles: pack.Cycles,
            FullCapacityMilliampSeconds: FullCapacityMilliampSeconds,
            SensorTemperatures: [(sbyte)sensors[0], (sbyte)sensors[1], (sbyte)sensors[2], (sbyte)sensors[3], null, null],
            DesignedCapacityTenthsAh: (ushort)(SimulatedPack.CapacityAh * 10),
            BalancingBits: (ushort)pack.BalancingBits(cells),
            Registers: []);
    }

    private static Eg4LlOperatingState StateOf(double current) => current switch
    {
        > 0.5 => Eg4LlOperatingState.Charging,
        < -0.5 => Eg4LlOperatingState.Discharging,
        _ => Eg4LlOperatingState.Standby,
    };
}
