using Streams.Core;
using static Streams.Core.FieldSpecFactory;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// The field catalogue of a pack answering with the master map (<see cref="Eg4LlMasterMap"/>): the
/// bank as the master aggregates it. No vendor document exists for this map; the register meanings
/// come from pylxpweb's master map (docs/protocols.md §2) and one real reply (vector
/// <c>eg4-bus-resp-6500ex</c>, gonzalop/wombatt, registers 19..34). Each field says how sure that is:
/// <list type="bullet">
/// <item><see cref="FieldCertainty.Probable"/>: the map names it and the real reply fits
/// (99 %, 53.31 V, −2.40 A, 31 °C, 396 of 400 Ah agreeing with the 99 %, 6 cycles).</item>
/// <item><see cref="FieldCertainty.Uncertain"/>: the map names it but the real reply does not cover it
/// (37..41, the cells) or does not fit (state of health 0 %), or no source explains it (19, 20, 28, 34):
/// published, disabled by default in Home Assistant.</item>
/// </list>
/// </summary>
internal static class Eg4LlMasterFields
{
    public static FieldSpec PackVoltage { get; } = Probable(CommonFields.PackVoltage);

    /// <summary>+ = charging (the real reply's −2.40 A came from a bank feeding an inverter).</summary>
    public static FieldSpec Current { get; } = Probable(CommonFields.Current);

    public static FieldSpec Power { get; } = Probable(CommonFields.Power);

    public static FieldSpec StateOfCharge { get; } = Probable(FieldSpecFactory.StateOfCharge(0));

    public static FieldSpec Temperature { get; } = Probable(FieldSpecFactory.Temperature("temperature_max", "Max temperature", 0));

    /// <summary>Register 26; only published while it agrees with the state of charge (it wraps past 655.35 Ah).</summary>
    public static FieldSpec RemainingCapacity { get; } = Probable(FieldSpecFactory.RemainingCapacity(2));

    /// <summary>Register 27; as <see cref="RemainingCapacity"/>.</summary>
    public static FieldSpec FullCapacity { get; } = Probable(FieldSpecFactory.FullCapacity(2));

    public static FieldSpec Cycles { get; } = Probable(CommonFields.Cycles);

    /// <summary>The real reply reads 0 here on a working bank.</summary>
    public static FieldSpec StateOfHealth { get; } = Uncertain(FieldSpecFactory.StateOfHealth(0));

    public static FieldSpec CellVoltageMax { get; } = Uncertain(CommonFields.CellVoltageMax);

    public static FieldSpec CellVoltageMin { get; } = Uncertain(CommonFields.CellVoltageMin);

    /// <summary>Register 39 + 1: the map counts from 0; no real reply shows which.</summary>
    public static FieldSpec HighestCell { get; } = Uncertain(CommonFields.HighestCell);

    /// <summary>Register 40 + 1, as <see cref="HighestCell"/>.</summary>
    public static FieldSpec LowestCell { get; } = Uncertain(CommonFields.LowestCell);

    public static FieldSpec CellCount { get; } = Uncertain(CommonFields.CellCount);

    /// <summary>Register 28 as major.minor (0x0204 → 2.04).</summary>
    public static FieldSpec Firmware { get; } = Uncertain(Text("bank_firmware", "Firmware (register 28)", diagnostic: true));

    /// <summary>Registers 113.. read as the master's own cells.</summary>
    public static IReadOnlyList<FieldSpec> Cells { get; } = [.. CommonFields.Cells.Take(Eg4LlMasterMap.CellRegisters).Select(Uncertain)];

    /// <summary>Register 19 raw (0x67 in the real reply, not the slave map's state codes).</summary>
    public static FieldSpec StatusBits { get; } = Uncertain(Number("bank_status_bits", "Bank status word", enabled: false));

    public static FieldSpec ProtectionBits { get; } = Uncertain(Number("bank_protection_bits", "Bank protection word", enabled: false));

    public static FieldSpec WarningBits { get; } = Uncertain(Number("bank_warning_bits", "Bank warning word", enabled: false));

    public static IReadOnlyList<FieldSpec> All { get; } =
    [
        PackVoltage, Current, Power, StateOfCharge, Temperature, RemainingCapacity, FullCapacity, Cycles,
        StateOfHealth, CellVoltageMax, CellVoltageMin, HighestCell, LowestCell, CellCount, Firmware,
        .. Cells, StatusBits, ProtectionBits, WarningBits,
    ];
}
