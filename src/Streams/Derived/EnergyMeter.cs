namespace Streams.Derived;

/// <summary>
/// One pack's meter, a value: its totals and the last sample it integrates from.
/// </summary>
/// <remarks>
/// Sign convention: + current = charging, − = discharging, as every decoder emits it
/// (<c>CommonFields.Current</c>; EG4-LL register 1 int16, EG4 legacy (30000 − raw)/100, JBD
/// offset 2 int16, docs/protocols.md). So positive power adds to <c>energy_charged</c>, negative
/// power to <c>energy_discharged</c>; both only ever grow.
/// <para>
/// Between two consecutive samples the power (and the current) is taken to change linearly
/// (the trapezoid rule). An interval that changes sign is split where the line crosses zero, so a
/// swing from +600 W to −600 W over a minute adds 2.5 Wh to each side, not 0 to both.
/// </para>
/// <para>
/// Rules a user relies on: an interval longer than the gap limit (the pack was offline, the bridge
/// was stopped) adds nothing; so does one that is not positive (a repeated or out-of-order
/// timestamp). A reading without voltage or current adds nothing and breaks the chain: the next
/// interval starts at the next complete reading, no value is guessed across the hole.
/// </para>
/// </remarks>
internal sealed record EnergyMeter(MeterTotals Totals, MeterSample? Last)
{
    private const double WattHoursPerKilowattHour = 1000.0;

    public static EnergyMeter From(MeterTotals stored) => new(stored, null);

    /// <summary>The meter after <paramref name="sample"/> (null: the reading lacked voltage or current).</summary>
    public EnergyMeter Advance(MeterSample? sample, TimeSpan gapLimit)
    {
        if (sample is not { } next)
        {
            return this with { Last = null };
        }

        if (Last is not { } last)
        {
            return this with { Last = next };
        }

        var interval = next.At - last.At;
        if (interval <= TimeSpan.Zero || interval > gapLimit)
        {
            return this with { Last = next };
        }

        var hours = interval.TotalHours;
        var (chargedWh, dischargedWh) = SplitArea(last.Watts, next.Watts, hours);
        var (chargedAh, dischargedAh) = SplitArea(last.Amps, next.Amps, hours);
        return new EnergyMeter(
            Totals.Add(chargedWh / WattHoursPerKilowattHour, dischargedWh / WattHoursPerKilowattHour, chargedAh, dischargedAh),
            next);
    }

    /// <summary>
    /// The area under the straight line from <paramref name="from"/> to <paramref name="to"/> over
    /// <paramref name="hours"/>, as its part above zero and its part below zero (both ≥ 0).
    /// </summary>
    internal static (double Positive, double Negative) SplitArea(double from, double to, double hours)
    {
        if (!double.IsFinite(from) || !double.IsFinite(to))
        {
            return (0, 0);
        }

        if (from >= 0 && to >= 0)
        {
            return ((from + to) / 2 * hours, 0);
        }

        if (from <= 0 && to <= 0)
        {
            return (0, -(from + to) / 2 * hours);
        }

        // The signs differ: the line crosses zero after this fraction of the interval.
        var crossing = from / (from - to);
        var before = Math.Abs(from) * crossing * hours / 2;
        var after = Math.Abs(to) * (1 - crossing) * hours / 2;
        return from > 0 ? (before, after) : (after, before);
    }
}
