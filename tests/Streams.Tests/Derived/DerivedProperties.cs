using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FsCheck;
using FsCheck.Fluent;
using Streams.Derived;
using Streams.Polling;
using Streams.Core;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Derived;

/// <summary>What a user relies on, for any sequence: meters only grow; a bank's SoC is one its packs could have.</summary>
public sealed class DerivedProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan GapLimit = TimeSpan.FromMinutes(3);
    private static readonly string[] Packs = ["p1", "p2", "p3"];

    /// <summary>One reading: which pack, seconds after the previous reading (sometimes back in time), voltage and current (either may be missing).</summary>
    private sealed record Step(int Pack, int Seconds, double? Volts, double? Amps);

    private static Gen<double?> Maybe(Gen<double> value) =>
        Gen.Frequency((1, Gen.Constant<double?>(null)), (6, value.Select(v => (double?)v)));

    private static Gen<Step> AnyStep { get; } =
        from pack in Gen.Choose(0, Packs.Length - 1)
        from seconds in Gen.Frequency((1, Gen.Choose(-120, 0)), (8, Gen.Choose(1, 400)))
        from volts in Maybe(Gen.Choose(0, 6000).Select(v => v / 100.0))
        from amps in Maybe(Gen.Choose(-30000, 30000).Select(a => a / 100.0))
        select new Step(pack, seconds, volts, amps);

    private static IReadOnlyList<Reading> ReadingsOf(IReadOnlyList<Step> steps)
    {
        var at = Start;
        var readings = new List<Reading>(steps.Count);
        foreach (var step in steps)
        {
            at = at.AddSeconds(step.Seconds);
            var fields = new List<FieldValue>();
            if (step.Volts is { } v)
            {
                fields.Add(FieldValue.Of(CommonFields.PackVoltage, v));
            }

            if (step.Amps is { } a)
            {
                fields.Add(FieldValue.Of(CommonFields.Current, a));
            }

            readings.Add(new Reading(DerivedLiterals.Pack(Packs[step.Pack]), at, fields));
        }

        return readings;
    }

    private static IReadOnlyList<Reading> Metered(IReadOnlyList<Reading> readings, IMeterStore store) =>
        Observed<Reading>.Of(readings.ToObservable()
            .MeterEnergy(new MeterOptions(GapLimit, TimeSpan.FromMinutes(1)), store, new HistoricalScheduler(Start))).Items;

    [Fact]
    public void Meters_never_decrease_for_any_sequence_of_readings()
    {
        Check.One(Runs, Prop.ForAll(AnyStep.ListOf().ToArb(), steps =>
        {
            var metered = Metered(ReadingsOf([.. steps]), new RecordingMeterStore());
            var keys = EnergyMeterFields.All.Select(s => s.Key).ToList();

            return metered.GroupBy(r => r.Device.Name).All(pack =>
                keys.All(key =>
                {
                    var values = pack.Select(r => DerivedReadings.Number(r, key)).Where(v => v is not null).Select(v => v!.Value).ToList();
                    return values.All(v => double.IsFinite(v) && v >= 0)
                        && values.Zip(values.Skip(1)).All(pair => pair.Second >= pair.First);
                }));
        }));
    }

    [Fact]
    public void Charged_minus_discharged_is_the_signed_trapezoid_over_the_counted_intervals()
    {
        Check.One(Runs, Prop.ForAll(AnyStep.ListOf().ToArb(), steps =>
        {
            var readings = ReadingsOf([.. steps]);
            var store = new RecordingMeterStore();
            Metered(readings, store);

            return Packs.All(pack =>
            {
                var expected = 0.0;
                MeterSample? last = null;
                foreach (var reading in readings.Where(r => r.Device.Name == pack))
                {
                    var sample = MeterSample.Of(reading, PackQuantities.Of(reading));
                    if (last is { } from && sample is { } to && to.At > from.At && to.At - from.At <= GapLimit)
                    {
                        expected += (from.Watts + to.Watts) / 2 * (to.At - from.At).TotalHours / 1000;
                    }

                    last = sample;
                }

                var totals = store.Stored.GetValueOrDefault(pack, MeterTotals.Zero);
                return Math.Abs(totals.EnergyChargedKwh - totals.EnergyDischargedKwh - expected) < 1e-9;
            });
        }));
    }

    private static Gen<PackQuantities> AnyPack { get; } =
        from soc in Gen.Choose(0, 10000).Select(s => s / 100.0)
        from full in Maybe(Gen.Choose(0, 50000).Select(f => f / 100.0))
        select new PackQuantities(null, null, soc, null, full, null, null);

    [Fact]
    public void A_banks_state_of_charge_stays_within_its_packs()
    {
        Check.One(Runs, Prop.ForAll(AnyPack.NonEmptyListOf().ToArb(), packs =>
        {
            var soc = BankAggregate.StateOfCharge([.. packs])!.Value;
            return soc >= packs.Min(p => p.StateOfCharge!.Value) && soc <= packs.Max(p => p.StateOfCharge!.Value);
        }));
    }

    /// <summary>Readings and offlines of three packs in any order and at any pace, through the operator with its timers.</summary>
    [Fact]
    public void Every_bank_update_has_a_state_of_charge_within_the_latest_of_its_packs()
    {
        var anyEvent =
            from pack in Gen.Choose(0, Packs.Length - 1)
            from seconds in Gen.Choose(0, 120)
            from offline in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
            from quantities in AnyPack
            select (Pack: Packs[pack], Seconds: seconds, Offline: offline, quantities.StateOfCharge, quantities.FullAh);

        Check.One(Runs, Prop.ForAll(anyEvent.ListOf().ToArb(), events =>
        {
            var scheduler = new HistoricalScheduler(Start);
            var latest = new Dictionary<string, double>();
            var readings = new System.Reactive.Subjects.Subject<Reading>();
            var availability = new System.Reactive.Subjects.Subject<AvailabilityChange>();
            var options = new BankOptions("bank", Packs, TimeSpan.FromMinutes(1), EstimateOptions.Default);
            var ok = true;
            using var subscription = readings.CombineBank(availability, options, scheduler).Subscribe(update =>
            {
                if (DerivedReadings.Number(update.Reading ?? new Reading(update.Device, Start, []), "state_of_charge") is { } soc)
                {
                    ok &= soc >= latest.Values.Min() && soc <= latest.Values.Max();
                }
            });

            foreach (var e in events)
            {
                scheduler.AdvanceBy(TimeSpan.FromSeconds(e.Seconds));
                if (e.Offline)
                {
                    availability.OnNext(new AvailabilityChange(DerivedLiterals.Pack(e.Pack), false));
                    continue;
                }

                latest[e.Pack] = e.StateOfCharge!.Value;
                List<FieldValue> fields = [FieldValue.Of(FieldSpecFactory.StateOfCharge(0), e.StateOfCharge!.Value)];
                if (e.FullAh is { } full)
                {
                    fields.Add(FieldValue.Of(FieldSpecFactory.FullCapacity(2), full));
                }

                readings.OnNext(new Reading(DerivedLiterals.Pack(e.Pack), scheduler.Now, fields));
            }

            scheduler.AdvanceBy(TimeSpan.FromMinutes(2));
            return ok;
        }));
    }
}
