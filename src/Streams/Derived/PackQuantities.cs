using Streams.Core;

namespace Streams.Derived;

/// <summary>
/// What the derived operators read from any reading, by the keys the device catalogues share
/// (<see cref="CommonFields"/>). Devices differ in what they report (checked against Devices/*/*Fields.cs):
/// <code>
/// key                  eg4-ll            eg4-7e (legacy)   jbd
/// pack_voltage         yes               yes               yes          (CommonFields)
/// current              yes, + = charge   yes, + = charge   yes, + = charge
/// state_of_charge      yes               yes               yes
/// remaining_capacity   yes (whole Ah)    NO                yes
/// full_capacity        yes (from mAs)    yes               NO
/// design_capacity      yes               NO                yes (the BMS's "nominal capacity")
/// cell_voltage_min/max yes               yes               only when the 0x04 cell read succeeded
/// </code>
/// So: remaining = <c>remaining_capacity</c>, else <c>state_of_charge</c> % of the full capacity
/// (EG4 legacy); full = <c>full_capacity</c>, else <c>design_capacity</c> (JBD, whose SoC is
/// computed against that nominal capacity). Non-finite numbers count as missing.
/// </summary>
internal readonly record struct PackQuantities(
    double? Volts,
    double? Amps,
    double? StateOfCharge,
    double? RemainingAh,
    double? FullAh,
    double? CellMinVolts,
    double? CellMaxVolts)
{
    public static PackQuantities Of(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        double? volts = null, amps = null, soc = null, remaining = null, full = null, design = null, cellMin = null, cellMax = null;
        foreach (var field in reading.Fields)
        {
            if (field.Number is not { } number || !double.IsFinite(number))
            {
                continue;
            }

            switch (field.Spec.Key)
            {
                case CommonFields.PackVoltageKey: volts = number; break;
                case CommonFields.CurrentKey: amps = number; break;
                case CommonFields.StateOfChargeKey: soc = number; break;
                case CommonFields.RemainingCapacityKey: remaining = number; break;
                case CommonFields.FullCapacityKey: full = number; break;
                case CommonFields.DesignCapacityKey: design = number; break;
                case CommonFields.CellVoltageMinKey: cellMin = number; break;
                case CommonFields.CellVoltageMaxKey: cellMax = number; break;
            }
        }

        full ??= design;
        remaining ??= soc is { } percent && full is { } capacity ? percent / 100.0 * capacity : null;
        return new PackQuantities(volts, amps, soc, remaining, full, cellMin, cellMax);
    }
}
