using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using FluentAssertions;
using Serilog.Events;
using Streams.Derived;
using Streams.Core;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Derived;

public sealed class EnergyMeterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private static MeterSample Sample(double minutes, double volts, double amps) => new(Start.AddMinutes(minutes), volts, amps);

    [Theory]
    [InlineData(10, 20, 15, 0)]
    [InlineData(-10, -20, 0, 15)]
    [InlineData(10, -10, 2.5, 2.5)]
    [InlineData(-30, 10, 1.25, 11.25)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(0, -10, 0, 5)]
    public void The_trapezoid_is_split_where_it_crosses_zero(double from, double to, double positive, double negative)
    {
        var (above, below) = EnergyMeter.SplitArea(from, to, hours: 1);

        above.Should().BeApproximately(positive, 1e-12);
        below.Should().BeApproximately(negative, 1e-12);
    }

    [Fact]
    public void A_gap_of_exactly_the_limit_counts_and_one_tick_more_does_not()
    {
        var meter = EnergyMeter.From(MeterTotals.Zero).Advance(Sample(0, 50, 12), Limit);

        meter.Advance(Sample(3, 50, 12), Limit).Totals.EnergyChargedKwh.Should().BeApproximately(0.03, 1e-12);
        meter.Advance(new MeterSample(Start + Limit + TimeSpan.FromTicks(1), 50, 12), Limit).Totals.Should().Be(MeterTotals.Zero);
    }

    [Fact]
    public void A_repeated_or_earlier_timestamp_adds_nothing()
    {
        var meter = EnergyMeter.From(MeterTotals.Zero).Advance(Sample(1, 50, 12), Limit);

        meter.Advance(Sample(1, 50, 12), Limit).Totals.Should().Be(MeterTotals.Zero);
        meter.Advance(Sample(0, 50, 12), Limit).Totals.Should().Be(MeterTotals.Zero);
    }

    [Fact]
    public void Stored_totals_are_the_starting_point()
    {
        var stored = new MeterTotals(100, 50, 2000, 1000);

        var meter = EnergyMeter.From(stored).Advance(Sample(0, 50, -12), Limit).Advance(Sample(1, 50, -12), Limit);

        meter.Totals.EnergyChargedKwh.Should().Be(100);
        meter.Totals.EnergyDischargedKwh.Should().BeApproximately(50.01, 1e-9);
        meter.Totals.AmpHoursDischarged.Should().BeApproximately(1000.2, 1e-9);
    }

    [Fact]
    public void Disposing_the_meter_writes_its_totals_to_the_state_file_at_once()
    {
        using var directory = new TemporaryDirectory();
        var scheduler = new HistoricalScheduler(Start);
        var readings = new Subject<Reading>();
        var store = new MeterStateFiles(directory.Path, Serilog.Core.Logger.None);
        var subscription = readings.MeterEnergy(MeterOptions.ForPollInterval(TimeSpan.FromSeconds(10)), store, scheduler).Subscribe();

        Emit(readings, scheduler, TimeSpan.FromSeconds(10), "p1 v=50 i=12", "p1 v=50 i=12", "p1 v=50 i=12");
        File.Exists(store.FileOf("p1")).Should().BeFalse("less than a minute has passed");
        subscription.Dispose();

        new MeterStateFiles(directory.Path, Serilog.Core.Logger.None).Load("p1").EnergyChargedKwh
            .Should().BeApproximately(600 * 20.0 / 3600 / 1000, 1e-12, "two 10 s intervals at 600 W");
    }

    [Fact]
    public void With_an_unwritable_state_directory_the_meters_keep_counting_in_memory()
    {
        using var directory = new TemporaryDirectory();
        var blocker = directory.File("file");
        File.WriteAllText(blocker, "not a directory");
        var log = new LogCapture();
        var scheduler = new HistoricalScheduler(Start);
        var readings = new Subject<Reading>();
        var seen = new List<double>();
        var store = new MeterStateFiles(Path.Combine(blocker, "state"), log.Logger);
        using (readings.MeterEnergy(MeterOptions.ForPollInterval(TimeSpan.FromSeconds(30)), store, scheduler)
                   .Subscribe(r => seen.Add(DerivedReadings.Number(r, "energy_charged")!.Value)))
        {
            for (var i = 0; i < 12; i++)
            {
                Emit(readings, scheduler, TimeSpan.FromSeconds(30), "p1 v=50 i=12");
            }
        }

        seen.Should().BeInAscendingOrder().And.HaveCount(12);
        seen[^1].Should().BeApproximately(0.01 * 11 * 0.5, 1e-9, "eleven 30 s intervals at 600 W");
        log.Lines(LogEventLevel.Warning).Should().ContainSingle("saves were tried every minute and at the end, one line said so");
    }

    /// <summary>Each literal as a reading stamped now, then <paramref name="step"/> of virtual time.</summary>
    private static void Emit(Subject<Reading> readings, HistoricalScheduler scheduler, TimeSpan step, params string[] literals)
    {
        foreach (var literal in literals)
        {
            readings.OnNext(DerivedLiterals.Reading(literal, scheduler.Now));
            scheduler.AdvanceBy(step);
        }
    }
}
