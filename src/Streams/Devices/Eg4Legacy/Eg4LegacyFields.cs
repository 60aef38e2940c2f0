using Streams.Core;
using static Streams.Core.FieldSpecFactory;

namespace Streams.Devices.Eg4Legacy;

/// <summary>The field catalogue of an EG4 LifePower (v1) pack on the "7E … 0D" protocol (docs/protocols.md §3).</summary>
internal static class Eg4LegacyFields
{
    public static FieldSpec StateOfCharge { get; } = FieldSpecFactory.StateOfCharge(1);

    public static FieldSpec StateOfHealth { get; } = FieldSpecFactory.StateOfHealth(1);

    public static FieldSpec FullCapacity { get; } = FieldSpecFactory.FullCapacity(2);

    /// <summary>Bit 0 of the alarm word.</summary>
    public static FieldSpec Charging { get; } = Flag("charging", "Charging", "battery_charging");

    /// <summary>Bit 1 of the alarm word.</summary>
    public static FieldSpec Discharging { get; } = Flag("discharging", "Discharging");

    /// <summary>Group 4, in reply order (which sensor is MOS or ambient is not documented).</summary>
    public static IReadOnlyList<FieldSpec> Sensors { get; } = TemperatureSensors(Eg4LegacyLayout.SensorCount, 0);

    /// <summary>Bits 2..7 of the alarm word (second word of group 5).</summary>
    public static IReadOnlyList<BitField> Alarms { get; } = Bits(
        "alarm",
        "alarm",
        (0x04, "short_circuit", "Short circuit"),
        (0x08, "overcurrent", "Overcurrent"),
        (0x10, "overvoltage", "Overvoltage"),
        (0x20, "undervoltage", "Undervoltage"),
        (0x40, "charge_overtemperature", "Charge overtemperature"),
        (0x80, "charge_undertemperature", "Charge undertemperature"));

    public static IReadOnlyList<FieldSpec> All { get; } =
    [
        CommonFields.PackVoltage, CommonFields.Current, CommonFields.Power, StateOfCharge, StateOfHealth,
        FullCapacity, CommonFields.Cycles, Charging, Discharging,
        .. CommonFields.Cells.Take(Eg4LegacyLayout.MaxCells), .. CommonFields.CellStatistics, CommonFields.CellCount,
        .. Sensors, .. CommonFields.ProblemSummaryFields, .. Alarms.Select(b => b.Spec),
    ];
}
