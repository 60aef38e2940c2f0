using Streams.Core;

namespace Streams.Simulation;

/// <summary>
/// The physical state of one simulated LiFePO4 pack, drifting slowly in one-second steps: a current
/// that wanders between charge and discharge (and turns round before the pack is full or empty), a
/// state of charge that integrates it, cells around 3.28–3.35 V with a small spread, temperatures that
/// follow the current, and a cycle count that grows with every full capacity discharged. No
/// warnings or protections ever trip. Deterministic: the same seed and the same sequence of
/// <see cref="Advance"/> calls give the same values. Not thread-safe; the devices lock around it.
/// </summary>
internal sealed class SimulatedPack
{
    /// <summary>Full and designed capacity of every simulated pack.</summary>
    public const double CapacityAh = 100.0;

    /// <summary>The largest charge or discharge current the pack drifts to, in A.</summary>
    public const double MaxCurrent = 50.0;

    /// <summary>The simulation's time step.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    // The longest catch-up one read simulates: a clock jump of days must not stall the reply.
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromHours(6);

    private const double RetargetChancePerStep = 1.0 / 900;
    private const double CurrentFollowRate = 0.02;
    private const double CurrentNoise = 0.3;
    private const double FullTurnRoundSoc = 97.0;
    private const double EmptyTurnRoundSoc = 15.0;
    private const double OffsetLimitMillivolts = 5.0;
    private const double MinAmbient = 18.0;
    private const double MaxAmbient = 28.0;
    private const int CellSensorCount = 4;

    private readonly Random _random;
    private readonly double[] _cellOffsets;
    private readonly double[] _sensorOffsets;
    private double _targetCurrent;
    private double _dischargedSinceCycle;
    private double _ambient;
    private DateTimeOffset? _clock;

    /// <summary>A pack of <paramref name="cellCount"/> cells whose starting state and drift come from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cellCount"/> is not 1..32.</exception>
    public SimulatedPack(int cellCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellCount, CommonFields.MaxCells);
        _random = new Random(seed);
        _cellOffsets = new double[cellCount];
        for (var i = 0; i < cellCount; i++)
        {
            _cellOffsets[i] = Noise(3.0);
        }

        _sensorOffsets = new double[CellSensorCount];
        for (var i = 0; i < CellSensorCount; i++)
        {
            _sensorOffsets[i] = Noise(1.0);
        }

        RemainingAh = CapacityAh * (0.4 + (0.4 * _random.NextDouble()));
        _targetCurrent = PickTarget();
        Current = _targetCurrent * _random.NextDouble();
        _ambient = 20 + (5 * _random.NextDouble());
        CellTemperature = _ambient;
        Cycles = (uint)_random.Next(10, 300);
    }

    public int CellCount => _cellOffsets.Length;

    /// <summary>Amps, + = charging.</summary>
    public double Current { get; private set; }

    public double RemainingAh { get; private set; }

    /// <summary>0..100 %.</summary>
    public double StateOfCharge => 100.0 * RemainingAh / CapacityAh;

    public uint Cycles { get; private set; }

    /// <summary>The cells' temperature in °C (each sensor reads it with its own small offset).</summary>
    public double CellTemperature { get; private set; }

    /// <summary>The BMS board runs a little warmer than the cells.</summary>
    public double PcbTemperature => CellTemperature + 2.0 + (Math.Abs(Current) * 0.02);

    /// <summary>
    /// False after a "charge off" command (JBD MOSFET control): the pack then cannot charge and its
    /// current stays ≤ 0.
    /// </summary>
    public bool ChargeEnabled { get; set; } = true;

    /// <summary>False after a "discharge off" command: the current then stays ≥ 0.</summary>
    public bool DischargeEnabled { get; set; } = true;

    /// <summary>
    /// Advances the simulation to <paramref name="now"/> in whole steps. The first call only sets the
    /// clock; a clock that goes backwards is ignored; a gap longer than six hours simulates six hours.
    /// </summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        if (_clock is not { } last)
        {
            _clock = now;
            return;
        }

        if (now <= last)
        {
            return;
        }

        var elapsed = now - last;
        var steps = elapsed.Ticks / Step.Ticks;
        _clock = last + TimeSpan.FromTicks(steps * Step.Ticks);
        Advance(TimeSpan.FromTicks(Math.Min(steps * Step.Ticks, MaxCatchUp.Ticks)));
    }

    /// <summary>Runs the simulation for <paramref name="elapsed"/>, rounded down to whole steps.</summary>
    public void Advance(TimeSpan elapsed)
    {
        for (var steps = elapsed.Ticks / Step.Ticks; steps > 0; steps--)
        {
            StepOnce();
        }
    }

    /// <summary>Each cell's voltage in mV: an open-circuit level set by the state of charge, a little
    /// IR rise or sag with the current, and the cell's own slowly wandering offset (±5 mV).</summary>
    public ushort[] CellMillivolts()
    {
        var level = 3285.0 + (0.55 * StateOfCharge) + (0.12 * Current);
        var cells = new ushort[CellCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = (ushort)Math.Round(level + _cellOffsets[i]);
        }

        return cells;
    }

    /// <summary>The four cell-sensor readings, °C, rounded.</summary>
    public short[] SensorTemperatures()
    {
        var sensors = new short[CellSensorCount];
        for (var i = 0; i < sensors.Length; i++)
        {
            sensors[i] = (short)Math.Round(CellTemperature + _sensorOffsets[i]);
        }

        return sensors;
    }

    /// <summary>Cells the BMS bleeds while charging (at least 4 mV above the lowest), bit 0 = cell 1.</summary>
    public uint BalancingBits(IReadOnlyList<ushort> cellMillivolts)
    {
        ArgumentNullException.ThrowIfNull(cellMillivolts);
        if (Current <= 0.5 || cellMillivolts.Count == 0)
        {
            return 0;
        }

        var lowest = cellMillivolts.Min();
        var bits = 0u;
        for (var i = 0; i < cellMillivolts.Count; i++)
        {
            if (cellMillivolts[i] >= lowest + 4)
            {
                bits |= 1u << i;
            }
        }

        return bits;
    }

    private void StepOnce()
    {
        var hours = Step.TotalHours;
        if (_random.NextDouble() < RetargetChancePerStep)
        {
            _targetCurrent = PickTarget();
        }

        // Turn round before the ends so the pack never sits full or empty.
        if (StateOfCharge >= FullTurnRoundSoc && _targetCurrent > 0)
        {
            _targetCurrent = -Magnitude();
        }
        else if (StateOfCharge <= EmptyTurnRoundSoc && _targetCurrent < 0)
        {
            _targetCurrent = Magnitude();
        }

        var current = Current + ((_targetCurrent - Current) * CurrentFollowRate) + Noise(CurrentNoise);
        current = Math.Clamp(current, -MaxCurrent, MaxCurrent);
        if (!ChargeEnabled)
        {
            current = Math.Min(current, 0);
        }

        if (!DischargeEnabled)
        {
            current = Math.Max(current, 0);
        }

        Current = current;
        RemainingAh = Math.Clamp(RemainingAh + (Current * hours), 0, CapacityAh);
        _dischargedSinceCycle += Math.Max(0, -Current) * hours;
        if (_dischargedSinceCycle >= CapacityAh)
        {
            _dischargedSinceCycle -= CapacityAh;
            Cycles++;
        }

        for (var i = 0; i < _cellOffsets.Length; i++)
        {
            _cellOffsets[i] = Math.Clamp(_cellOffsets[i] + Noise(0.05), -OffsetLimitMillivolts, OffsetLimitMillivolts);
        }

        _ambient = Math.Clamp(_ambient + Noise(0.01), MinAmbient, MaxAmbient);
        var heated = _ambient + (Math.Abs(Current) * 0.08);
        CellTemperature += (heated - CellTemperature) * 0.01;
    }

    private double PickTarget() => _random.NextDouble() < 0.5 ? -Magnitude() : Magnitude();

    private double Magnitude() => 2 + ((MaxCurrent - 10) * _random.NextDouble());

    private double Noise(double scale) => ((2 * _random.NextDouble()) - 1) * scale;
}
