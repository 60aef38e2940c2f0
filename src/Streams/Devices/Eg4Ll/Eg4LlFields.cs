using Streams.Core;
using Streams.Devices.Modbus;
using static Streams.Core.FieldSpecFactory;

namespace Streams.Devices.Eg4Ll;

/// <summary>The field catalogue of an EG4-LL / LifePower4 v2 pack (registers per docs/protocols.md §2).</summary>
internal static class Eg4LlFields
{
    /// <summary>Raw register fields listed in <see cref="All"/> (the seed's 47-register read); longer reads add more.</summary>
    public const int ListedRegisters = 47;

    public static FieldSpec StateOfCharge { get; } = FieldSpecFactory.StateOfCharge(0);

    public static FieldSpec StateOfHealth { get; } = FieldSpecFactory.StateOfHealth(0);

    public static FieldSpec RemainingCapacity { get; } = FieldSpecFactory.RemainingCapacity(0);

    public static FieldSpec FullCapacity { get; } = FieldSpecFactory.FullCapacity(2);

    public static FieldSpec DesignCapacity { get; } = FieldSpecFactory.DesignCapacity(1);

    public static FieldSpec MaxChargeCurrent { get; } = Current("max_charge_current", "Max charge current", 0);

    /// <summary>standby, charging, discharging, protect, charging_limit, or unknown_0xNNNN.</summary>
    public static FieldSpec Status { get; } = Text("status", "Status");

    public static FieldSpec Heater { get; } = Flag("heater", "Heater");

    public static FieldSpec PcbTemperature { get; } = Temperature("temperature_pcb", "PCB temperature", 0);

    public static FieldSpec MaxTemperature { get; } = Temperature("temperature_max", "Max temperature", 0);

    public static FieldSpec AverageTemperature { get; } = Temperature("temperature_average", "Average temperature", 0);

    public static IReadOnlyList<FieldSpec> Sensors { get; } = TemperatureSensors(Eg4LlRegisterMap.SensorCount, 0);

    public static IReadOnlyList<BitField> Warnings { get; } = Bits("warning", "warning", StatusBits(0x2000, "float_stopped", "Float stopped"));

    public static IReadOnlyList<BitField> Protections { get; } =
        Bits("protection", "protection", StatusBits(0x2000, "discharge_short_circuit", "Discharge short circuit"));

    public static IReadOnlyList<BitField> Errors { get; } = Bits(
        "error",
        "error",
        (0x0001, "voltage", "Voltage"),
        (0x0002, "temperature", "Temperature"),
        (0x0004, "current_flow", "Current flow"),
        (0x0010, "cell_unbalance", "Cell unbalance"));

    /// <summary><c>register_00</c> … <c>register_124</c>: diagnostic, disabled by default.</summary>
    public static IReadOnlyList<FieldSpec> Registers { get; } = FieldSpecFactory.Registers(ModbusRtuLayout.MaxRegisterCount);

    public static IReadOnlyList<FieldSpec> All { get; } =
    [
        CommonFields.PackVoltage, CommonFields.Current, CommonFields.Power, StateOfCharge, StateOfHealth,
        RemainingCapacity, FullCapacity, DesignCapacity, MaxChargeCurrent, CommonFields.Cycles, Status, Heater,
        .. CommonFields.Cells.Take(Eg4LlRegisterMap.MaxCells), .. CommonFields.CellStatistics, CommonFields.CellCount,
        PcbTemperature, MaxTemperature, AverageTemperature, .. Sensors,
        CommonFields.Balancing, CommonFields.BalancingBits, .. CommonFields.ProblemSummaryFields,
        .. Warnings.Select(b => b.Spec), .. Protections.Select(b => b.Spec), .. Errors.Select(b => b.Spec),
        .. Registers.Take(ListedRegisters),
    ];

    /// <summary>Warning and protection bits share names for 0x0001..0x1000 and differ at 0x2000.</summary>
    private static (uint Mask, string Key, string Name)[] StatusBits(uint bit13, string bit13Key, string bit13Name) =>
    [
        (0x0001, "pack_overvoltage", "Pack overvoltage"),
        (0x0002, "cell_overvoltage", "Cell overvoltage"),
        (0x0004, "pack_undervoltage", "Pack undervoltage"),
        (0x0008, "cell_undervoltage", "Cell undervoltage"),
        (0x0010, "charge_overcurrent", "Charge overcurrent"),
        (0x0020, "discharge_overcurrent", "Discharge overcurrent"),
        (0x0040, "ambient_temperature", "Ambient temperature"),
        (0x0080, "mos_overtemperature", "MOS overtemperature"),
        (0x0100, "charge_overtemperature", "Charge overtemperature"),
        (0x0200, "discharge_overtemperature", "Discharge overtemperature"),
        (0x0400, "charge_undertemperature", "Charge undertemperature"),
        (0x0800, "discharge_undertemperature", "Discharge undertemperature"),
        (0x1000, "low_capacity", "Low capacity"),
        (bit13, bit13Key, bit13Name),
    ];
}
