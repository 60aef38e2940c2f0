using Streams.Core;

namespace Streams.Derived;

/// <summary>
/// The bank device's own fields. Where a bank value means what a pack value means it uses the
/// pack's key (<c>state_of_charge</c>, <c>current</c>, <c>cell_voltage_min</c> …), so dashboards and
/// the derived operators treat a bank like a pack. Its energy meters and estimates are the
/// packs' (<see cref="EnergyMeterFields"/>, <see cref="EstimateFields"/>).
/// </summary>
internal static class BankFields
{
    /// <summary>Capacity-weighted over the packs online (equal weights unless every one reports its full capacity).</summary>
    public static FieldSpec StateOfCharge { get; } = FieldSpecFactory.StateOfCharge(1);

    /// <summary>The mean pack voltage (the packs are in parallel).</summary>
    public static FieldSpec Voltage { get; } = CommonFields.PackVoltage;

    /// <summary>The sum of the packs' currents, + = charging.</summary>
    public static FieldSpec Current { get; } = CommonFields.Current;

    /// <summary>The sum of the packs' voltage × current, + = charging.</summary>
    public static FieldSpec Power { get; } = CommonFields.Power;

    public static FieldSpec RemainingCapacity { get; } = FieldSpecFactory.RemainingCapacity(1);

    public static FieldSpec FullCapacity { get; } = FieldSpecFactory.FullCapacity(1);

    public static FieldSpec CellVoltageMin { get; } = CommonFields.CellVoltageMin;

    public static FieldSpec CellVoltageMax { get; } = CommonFields.CellVoltageMax;

    public static FieldSpec CellVoltageDelta { get; } = CommonFields.CellVoltageDelta;

    /// <summary>The name of the pack holding the lowest cell (the first configured on a tie).</summary>
    public static FieldSpec CellVoltageMinPack { get; } = FieldSpecFactory.Text("cell_voltage_min_pack", "Pack with the lowest cell");

    /// <summary>The name of the pack holding the highest cell (the first configured on a tie).</summary>
    public static FieldSpec CellVoltageMaxPack { get; } = FieldSpecFactory.Text("cell_voltage_max_pack", "Pack with the highest cell");

    /// <summary>Packs whose reading is fresh and that are not offline.</summary>
    public static FieldSpec PacksOnline { get; } = FieldSpecFactory.Count("packs_online", "Packs online");

    public static FieldSpec PacksConfigured { get; } = FieldSpecFactory.Number("packs_configured", "Packs configured");

    public static IReadOnlyList<FieldSpec> Own { get; } =
    [
        StateOfCharge, Voltage, Current, Power, RemainingCapacity, FullCapacity,
        CellVoltageMin, CellVoltageMax, CellVoltageDelta, CellVoltageMinPack, CellVoltageMaxPack,
        PacksOnline, PacksConfigured,
    ];

    /// <summary>Everything a bank device publishes: its own fields, its estimates and its meters.</summary>
    public static IReadOnlyList<FieldSpec> All { get; } = [.. Own, .. EstimateFields.All, .. EnergyMeterFields.All];
}
