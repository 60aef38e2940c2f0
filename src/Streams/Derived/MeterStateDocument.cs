using System.Text.Json.Serialization;

namespace Streams.Derived;

/// <summary>The JSON of one meter's state file. Every property is required: a file missing one is corrupt, not zero.</summary>
internal sealed record MeterStateDocument(
    int Version,
    string Meter,
    DateTimeOffset SavedAt,
    double EnergyChargedKwh,
    double EnergyDischargedKwh,
    double AmpHoursCharged,
    double AmpHoursDischarged)
{
    public const int CurrentVersion = 1;

    [JsonIgnore]
    public MeterTotals Totals => new(EnergyChargedKwh, EnergyDischargedKwh, AmpHoursCharged, AmpHoursDischarged);

    public static MeterStateDocument Of(string meter, MeterTotals totals, DateTimeOffset at) =>
        new(CurrentVersion, meter, at, totals.EnergyChargedKwh, totals.EnergyDischargedKwh, totals.AmpHoursCharged, totals.AmpHoursDischarged);
}
