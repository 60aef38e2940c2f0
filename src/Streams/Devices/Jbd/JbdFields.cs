using Streams.Core;
using static Streams.Core.FieldSpecFactory;

namespace Streams.Devices.Jbd;

/// <summary>The field catalogue of a JBD / Xiaoxiang smart BMS (0x03 basic info + 0x04 cells, docs/protocols.md §4).</summary>
internal static class JbdFields
{
    /// <summary>Temperatures published; replies announcing more have the rest ignored.</summary>
    public const int MaxSensors = 8;

    public static FieldSpec StateOfCharge { get; } = FieldSpecFactory.StateOfCharge(0);

    public static FieldSpec RemainingCapacity { get; } = FieldSpecFactory.RemainingCapacity(2);

    /// <summary>The "nominal capacity" of the basic info.</summary>
    public static FieldSpec DesignCapacity { get; } = FieldSpecFactory.DesignCapacity(2);

    public static FieldSpec ChargeMosfet { get; } = Flag("charge_mosfet", "Charge MOSFET");

    public static FieldSpec DischargeMosfet { get; } = Flag("discharge_mosfet", "Discharge MOSFET");

    public static FieldSpec SoftwareVersion { get; } = Text("software_version", "Software version", diagnostic: true);

    /// <summary>ISO date <c>yyyy-MM-dd</c>; omitted when the packed value is not a date.</summary>
    public static FieldSpec ProductionDate { get; } = Text("production_date", "Production date", diagnostic: true);

    public static IReadOnlyList<FieldSpec> Sensors { get; } = TemperatureSensors(MaxSensors, 1);

    public static IReadOnlyList<BitField> Protections { get; } = Bits(
        "protection",
        "protection",
        (1u << 0, "cell_overvoltage", "Cell overvoltage"),
        (1u << 1, "cell_undervoltage", "Cell undervoltage"),
        (1u << 2, "pack_overvoltage", "Pack overvoltage"),
        (1u << 3, "pack_undervoltage", "Pack undervoltage"),
        (1u << 4, "charge_overtemperature", "Charge overtemperature"),
        (1u << 5, "charge_undertemperature", "Charge undertemperature"),
        (1u << 6, "discharge_overtemperature", "Discharge overtemperature"),
        (1u << 7, "discharge_undertemperature", "Discharge undertemperature"),
        (1u << 8, "charge_overcurrent", "Charge overcurrent"),
        (1u << 9, "discharge_overcurrent", "Discharge overcurrent"),
        (1u << 10, "short_circuit", "Short circuit"),
        (1u << 11, "frontend_ic_error", "Front-end IC error"),
        (1u << 12, "software_lock", "Software lock"));

    /// <summary>The 0xAA counters, in <see cref="JbdErrorCounts"/> order: diagnostics that only grow until the history is cleared.</summary>
    public static IReadOnlyList<FieldSpec> ErrorCounters { get; } =
    [
        .. new (string Key, string Name)[]
        {
            ("short_circuit", "Short circuit"), ("charge_overcurrent", "Charge overcurrent"), ("discharge_overcurrent", "Discharge overcurrent"),
            ("cell_overvoltage", "Cell overvoltage"), ("cell_undervoltage", "Cell undervoltage"),
            ("charge_overtemperature", "Charge overtemperature"), ("charge_undertemperature", "Charge undertemperature"),
            ("discharge_overtemperature", "Discharge overtemperature"), ("discharge_undertemperature", "Discharge undertemperature"),
            ("pack_overvoltage", "Pack overvoltage"), ("pack_undervoltage", "Pack undervoltage"),
        }.Select(c => EventCount($"{c.Key}_count", $"{c.Name} count")),
    ];

    public static FieldSpec RestartCount { get; } = EventCount("restart_count", "Restart count");

    public static IReadOnlyList<FieldSpec> All { get; } =
    [
        CommonFields.PackVoltage, CommonFields.Current, CommonFields.Power, StateOfCharge,
        RemainingCapacity, DesignCapacity, CommonFields.Cycles, ChargeMosfet, DischargeMosfet,
        .. CommonFields.Cells, .. CommonFields.CellStatistics, CommonFields.CellCount, .. Sensors,
        CommonFields.Balancing, CommonFields.BalancingBits, .. CommonFields.CellBalancing, SoftwareVersion, ProductionDate,
        .. CommonFields.ProblemSummaryFields, .. Protections.Select(b => b.Spec), .. ErrorCounters, RestartCount,
    ];
}
