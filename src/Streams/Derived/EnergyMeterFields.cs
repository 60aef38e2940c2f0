using Streams.Core;

namespace Streams.Derived;

/// <summary>
/// The meters' fields. Energy is what Home Assistant's Energy dashboard takes for a battery:
/// device class <c>energy</c>, state class <c>total_increasing</c>, unit <c>kWh</c>
/// (docs/home-assistant.md §6). Ah has no device class in Home Assistant.
/// </summary>
internal static class EnergyMeterFields
{
    /// <summary>Energy into the battery (positive power), kWh.</summary>
    public static FieldSpec EnergyCharged { get; } = FieldSpecFactory.EnergyTotal("energy_charged", "Energy charged");

    /// <summary>Energy out of the battery (negative power), kWh.</summary>
    public static FieldSpec EnergyDischarged { get; } = FieldSpecFactory.EnergyTotal("energy_discharged", "Energy discharged");

    /// <summary>Charge into the battery (positive current), Ah.</summary>
    public static FieldSpec AmpHoursCharged { get; } = FieldSpecFactory.AmpHourTotal("amp_hours_charged", "Amp-hours charged");

    /// <summary>Charge out of the battery (negative current), Ah.</summary>
    public static FieldSpec AmpHoursDischarged { get; } = FieldSpecFactory.AmpHourTotal("amp_hours_discharged", "Amp-hours discharged");

    public static IReadOnlyList<FieldSpec> All { get; } = [EnergyCharged, EnergyDischarged, AmpHoursCharged, AmpHoursDischarged];
}
