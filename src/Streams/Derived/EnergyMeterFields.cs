using Streams.Readings;

namespace Streams.Derived;

/// <summary>
/// The meters' fields. Energy is what Home Assistant's Energy dashboard takes for a battery:
/// device class <c>energy</c>, state class <c>total_increasing</c>, unit <c>kWh</c>
/// (docs/home-assistant.md §6). Ah has no device class in Home Assistant.
/// </summary>
internal static class EnergyMeterFields
{
    private const string TotalIncreasing = "total_increasing";

    /// <summary>Energy into the battery (positive power), kWh.</summary>
    public static FieldSpec EnergyCharged { get; } = new("energy_charged", "Energy charged", "kWh", "energy", TotalIncreasing, 2);

    /// <summary>Energy out of the battery (negative power), kWh.</summary>
    public static FieldSpec EnergyDischarged { get; } = new("energy_discharged", "Energy discharged", "kWh", "energy", TotalIncreasing, 2);

    /// <summary>Charge into the battery (positive current), Ah.</summary>
    public static FieldSpec AmpHoursCharged { get; } = new("amp_hours_charged", "Amp-hours charged", "Ah", null, TotalIncreasing, 1);

    /// <summary>Charge out of the battery (negative current), Ah.</summary>
    public static FieldSpec AmpHoursDischarged { get; } = new("amp_hours_discharged", "Amp-hours discharged", "Ah", null, TotalIncreasing, 1);

    public static IReadOnlyList<FieldSpec> All { get; } = [EnergyCharged, EnergyDischarged, AmpHoursCharged, AmpHoursDischarged];
}
