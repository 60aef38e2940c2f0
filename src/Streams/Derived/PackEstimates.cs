using Streams.Core;

namespace Streams.Derived;

/// <summary>
/// Time to full, time to empty and the energy stored now, from the shared keys of any reading
/// (<see cref="PackQuantities"/>: remaining and full capacity in Ah, pack voltage, current).
/// </summary>
/// <remarks>
/// The times assume the present current holds: (full − remaining) / current while charging,
/// remaining / −current while discharging. At a steady pack voltage that is the same as the energy
/// still to go over the present power. Each value is left out (Home Assistant shows unknown) when
/// its inputs are missing, and the times also when the battery is idle
/// (<see cref="EstimateOptions.IdleCurrent"/>) or charging though already full.
/// </remarks>
internal static class PackEstimates
{
    private const double MinutesPerHour = 60.0;
    private const double WattHoursPerKilowattHour = 1000.0;

    /// <summary><paramref name="fields"/> followed by the estimates <paramref name="quantities"/> allow.</summary>
    public static IReadOnlyList<FieldValue> Append(IReadOnlyList<FieldValue> fields, PackQuantities quantities, EstimateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = DerivedFieldList.Extending(fields, EstimateFields.All.Count);

        if (quantities is { RemainingAh: { } remaining, Amps: { } amps })
        {
            if (amps >= options.IdleCurrent && quantities.FullAh is { } full && full > remaining)
            {
                builder.Add(EstimateFields.TimeToFull, Math.Round((full - remaining) / amps * MinutesPerHour));
            }
            else if (amps <= -options.IdleCurrent && remaining >= 0)
            {
                builder.Add(EstimateFields.TimeToEmpty, Math.Round(remaining / -amps * MinutesPerHour));
            }
        }

        if (quantities is { RemainingAh: { } stored, Volts: { } volts } && stored >= 0 && volts >= 0)
        {
            builder.Add(EstimateFields.StoredEnergy, stored * volts / WattHoursPerKilowattHour);
        }

        return builder.Build();
    }
}
