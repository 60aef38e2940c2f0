using Streams.Core;

namespace Streams.Derived;

/// <summary>
/// One bank reading from the packs that count (<see cref="BankTable.Included"/>). A value is
/// published only when every counted pack reports what it needs: a sum over some of the packs
/// would be a wrong number, unknown is honest. The estimates come from the bank's own totals. When
/// one of the packs speaks for the whole bank (<see cref="DeviceInfo.SpeaksForBank"/>), the totals
/// are that pack's alone; <c>packs_online</c> still counts every pack heard.
/// </summary>
internal static class BankAggregate
{
    private const double MillivoltsPerVolt = 1000.0;

    /// <summary>The bank's reading at <paramref name="at"/>, or null when no pack counts.</summary>
    public static Reading? Combine(DeviceInfo bank, BankOptions options, IReadOnlyList<(string Pack, Reading Reading)> packs, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(packs);
        if (packs.Count == 0)
        {
            return null;
        }

        // A bank master's reading already holds its slaves' share: summing the slaves on top would
        // count them twice, so a bank that lists them beside their master takes the master's totals.
        var master = packs.FirstOrDefault(p => p.Reading.Device.SpeaksForBank);
        IReadOnlyList<(string Pack, Reading Reading)> counted = master.Reading is null ? packs : [master];
        var quantities = counted.Select(p => (p.Pack, Quantities: PackQuantities.Of(p.Reading))).ToList();
        var all = quantities.Select(q => q.Quantities).ToList();
        var fields = new FieldListBuilder(BankFields.Own.Count + EstimateFields.All.Count);

        if (StateOfCharge(all) is { } soc)
        {
            fields.Add(BankFields.StateOfCharge, soc);
        }

        var volts = Every(all, q => q.Volts)?.Average();
        var amps = Every(all, q => q.Amps)?.Sum();
        var remaining = Every(all, q => q.RemainingAh)?.Sum();
        var full = Every(all, q => q.FullAh)?.Sum();
        AddIfKnown(fields, BankFields.Voltage, volts);
        AddIfKnown(fields, BankFields.Current, amps);
        AddIfKnown(fields, BankFields.Power, Every(all, q => q.Volts * q.Amps)?.Sum() is { } watts ? Math.Round(watts, 2) : null);
        AddIfKnown(fields, BankFields.RemainingCapacity, remaining);
        AddIfKnown(fields, BankFields.FullCapacity, full);

        if (quantities.All(q => q.Quantities is { CellMinVolts: not null, CellMaxVolts: not null }))
        {
            // MinBy/MaxBy return the first of equals: ties go to the pack configured first.
            var lowest = quantities.MinBy(q => q.Quantities.CellMinVolts!.Value);
            var highest = quantities.MaxBy(q => q.Quantities.CellMaxVolts!.Value);
            var min = lowest.Quantities.CellMinVolts!.Value;
            var max = highest.Quantities.CellMaxVolts!.Value;
            fields.Add(BankFields.CellVoltageMin, min)
                .Add(BankFields.CellVoltageMax, max)
                .Add(BankFields.CellVoltageDelta, Math.Round((max - min) * MillivoltsPerVolt))
                .Add(BankFields.CellVoltageMinPack, lowest.Pack)
                .Add(BankFields.CellVoltageMaxPack, highest.Pack);
        }

        fields.Add(BankFields.PacksOnline, packs.Count)
            .Add(BankFields.PacksConfigured, options.Packs.Count);

        var own = fields.Build();
        var bankQuantities = new PackQuantities(volts, amps, null, remaining, full, null, null);
        return new Reading(bank, at, PackEstimates.Append(own, bankQuantities, options.Estimates));
    }

    /// <summary>
    /// Weighted by full capacity when every pack reports one above zero, else equal weights; kept
    /// within the packs' own range, which a weighted mean is, but float rounding could step out of.
    /// </summary>
    internal static double? StateOfCharge(IReadOnlyList<PackQuantities> packs)
    {
        if (Every(packs, q => q.StateOfCharge) is not { } socs)
        {
            return null;
        }

        var weights = Every(packs, q => q.FullAh) is { } capacities && capacities.All(c => c > 0)
            ? capacities
            : [.. socs.Select(static _ => 1.0)];
        var mean = socs.Zip(weights, (soc, weight) => soc * weight).Sum() / weights.Sum();
        return Math.Clamp(mean, socs.Min(), socs.Max());
    }

    /// <summary>The value of every pack, or null when one lacks it.</summary>
    private static IReadOnlyList<double>? Every(IReadOnlyList<PackQuantities> packs, Func<PackQuantities, double?> value)
    {
        var values = new List<double>(packs.Count);
        foreach (var pack in packs)
        {
            if (value(pack) is not { } number)
            {
                return null;
            }

            values.Add(number);
        }

        return values;
    }

    private static void AddIfKnown(FieldListBuilder fields, FieldSpec spec, double? value)
    {
        if (value is { } number)
        {
            fields.Add(spec, number);
        }
    }
}
