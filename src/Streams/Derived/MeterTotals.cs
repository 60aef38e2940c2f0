namespace Streams.Derived;

/// <summary>What one meter has counted since it was first started: energy in kWh and charge in Ah, each direction on its own.</summary>
internal readonly record struct MeterTotals(
    double EnergyChargedKwh,
    double EnergyDischargedKwh,
    double AmpHoursCharged,
    double AmpHoursDischarged)
{
    public static MeterTotals Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Every total finite and not negative: what a state file must hold to be believed.</summary>
    public bool IsValid =>
        IsCount(EnergyChargedKwh) && IsCount(EnergyDischargedKwh) && IsCount(AmpHoursCharged) && IsCount(AmpHoursDischarged);

    public MeterTotals Add(double chargedKwh, double dischargedKwh, double chargedAh, double dischargedAh) =>
        new(EnergyChargedKwh + chargedKwh, EnergyDischargedKwh + dischargedKwh, AmpHoursCharged + chargedAh, AmpHoursDischarged + dischargedAh);

    private static bool IsCount(double value) => double.IsFinite(value) && value >= 0;
}
