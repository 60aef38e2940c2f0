using static Streams.Core.FieldSpecFactory;

namespace Streams.Core;

/// <summary>Fields that mean the same on every device, so that every catalogue uses the same key for them.</summary>
internal static class CommonFields
{
    public const int MaxCells = 32;

    // Keys every catalogue that reports the quantity shares; the specs differ per device only in precision.
    public const string PackVoltageKey = "pack_voltage";
    public const string CurrentKey = "current";
    public const string StateOfChargeKey = "state_of_charge";
    public const string RemainingCapacityKey = "remaining_capacity";
    public const string FullCapacityKey = "full_capacity";
    public const string DesignCapacityKey = "design_capacity";
    public const string CellVoltageMinKey = "cell_voltage_min";
    public const string CellVoltageMaxKey = "cell_voltage_max";

    public static FieldSpec PackVoltage { get; } = Voltage(PackVoltageKey, "Voltage", 2);

    /// <summary>+ = charging, − = discharging.</summary>
    public static FieldSpec Current { get; } = FieldSpecFactory.Current(CurrentKey, "Current", 2);

    /// <summary>Pack voltage × current: + = charging.</summary>
    public static FieldSpec Power { get; } = FieldSpecFactory.Power("power", "Power");

    public static FieldSpec Cycles { get; } = FieldSpecFactory.Cycles();

    /// <summary><c>cell_01_voltage</c> … <c>cell_32_voltage</c>.</summary>
    public static IReadOnlyList<FieldSpec> Cells { get; } = FieldSpecFactory.Cells(MaxCells);

    public static FieldSpec CellVoltageMin { get; } = Voltage(CellVoltageMinKey, "Min cell voltage", 3);

    public static FieldSpec CellVoltageMax { get; } = Voltage(CellVoltageMaxKey, "Max cell voltage", 3);

    public static FieldSpec CellVoltageAverage { get; } = Voltage("cell_voltage_average", "Average cell voltage", 3);

    public static FieldSpec CellVoltageDelta { get; } = Millivolts("cell_voltage_delta", "Cell voltage delta");

    /// <summary>1-based number of the cell with the lowest voltage.</summary>
    public static FieldSpec LowestCell { get; } = Number("cell_lowest", "Lowest cell");

    /// <summary>1-based number of the cell with the highest voltage.</summary>
    public static FieldSpec HighestCell { get; } = Number("cell_highest", "Highest cell");

    public static FieldSpec CellCount { get; } = Number("cell_count", "Cell count");

    public static FieldSpec Balancing { get; } = Flag("balancing", "Balancing", diagnostic: true);

    /// <summary>The balancing mask as sent, bit 0 = cell 1.</summary>
    public static FieldSpec BalancingBits { get; } = Number("balancing_bits", "Balancing cells mask", enabled: false);

    /// <summary>
    /// On when any warning, protection, alarm or error bit of the pack is set: the one problem
    /// indicator enabled by default (the single bits are there too, disabled).
    /// </summary>
    public static FieldSpec Problem { get; } = new("problem", "Problem", DeviceClass: "problem", Kind: FieldKind.Problem);

    /// <summary>The names of the bits that are set, comma-separated, or <c>none</c> (see <see cref="Core.ProblemSummary"/>).</summary>
    public static FieldSpec ActiveProblems { get; } = Text("active_problems", "Active problems");

    /// <summary>The summary every device with problem bits publishes alongside them.</summary>
    public static IReadOnlyList<FieldSpec> ProblemSummaryFields { get; } = [Problem, ActiveProblems];

    /// <summary>
    /// <c>cell_01_balancing</c> … <c>cell_32_balancing</c>, bit n − 1 of the balancing mask: diagnostic
    /// and, like the cell voltages, disabled by default.
    /// </summary>
    public static IReadOnlyList<FieldSpec> CellBalancing { get; } =
        [.. Enumerable.Range(1, MaxCells).Select(n => Flag($"cell_{n:D2}_balancing", $"Cell {n} balancing", diagnostic: true) with { EnabledByDefault = false })];

    /// <summary>The cell statistics every device publishes alongside its cells.</summary>
    public static IReadOnlyList<FieldSpec> CellStatistics { get; } =
        [CellVoltageMin, CellVoltageMax, CellVoltageAverage, CellVoltageDelta, LowestCell, HighestCell];
}
