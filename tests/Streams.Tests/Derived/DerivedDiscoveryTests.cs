using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FluentAssertions;
using Streams.HomeAssistant.Discovery;
using Streams.Derived;
using Streams.Core;
using Streams.Tests.HomeAssistant;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Derived;

/// <summary>
/// The new entities against docs/home-assistant.md: the classes the Energy dashboard needs, and the
/// discovery rule book over a metered real EG4-LL pack and a bank, as today's publisher announces them.
/// </summary>
public sealed class DerivedDiscoveryTests
{
    [Fact]
    public void The_energy_meters_are_what_the_energy_dashboard_takes()
    {
        foreach (var spec in new[] { EnergyMeterFields.EnergyCharged, EnergyMeterFields.EnergyDischarged })
        {
            (spec.DeviceClass, spec.StateClass, spec.Unit).Should().Be(("energy", "total_increasing", "kWh"), spec.Key);
        }

        foreach (var spec in new[] { EnergyMeterFields.AmpHoursCharged, EnergyMeterFields.AmpHoursDischarged })
        {
            (spec.DeviceClass, spec.StateClass, spec.Unit).Should().Be(((string?)null, "total_increasing", "Ah"), spec.Key);
        }
    }

    [Fact]
    public void Estimates_use_duration_and_energy_storage()
    {
        (EstimateFields.TimeToFull.DeviceClass, EstimateFields.TimeToFull.Unit).Should().Be(("duration", "min"));
        (EstimateFields.TimeToEmpty.DeviceClass, EstimateFields.TimeToEmpty.Unit).Should().Be(("duration", "min"));
        (EstimateFields.StoredEnergy.DeviceClass, EstimateFields.StoredEnergy.StateClass, EstimateFields.StoredEnergy.Unit)
            .Should().Be(("energy_storage", "measurement", "kWh"));
    }

    [Fact]
    public void Every_bank_key_is_unique()
    {
        BankFields.All.Select(s => s.Key).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(nameof(DiscoveryLayout.Device))]
    [InlineData(nameof(DiscoveryLayout.Entity))]
    public void A_metered_pack_and_a_bank_pass_the_discovery_rule_book(string layout)
    {
        using var harness = new PublisherHarness(Enum.Parse<DiscoveryLayout>(layout));
        harness.Link!.Connect();
        var scheduler = new HistoricalScheduler(HaReadings.Noon);
        var pack = Observed<Reading>.Of(
            new[] { HaReadings.Eg4(), HaReadings.Eg4(at: HaReadings.Noon.AddSeconds(10)) }.ToObservable()
                .MeterEnergy(MeterOptions.ForPollInterval(TimeSpan.FromSeconds(10)), new RecordingMeterStore(), scheduler)
                .WithEstimates(EstimateOptions.Default)).Items[^1];
        var options = new BankOptions("bank", ["pack1", "jbd1"], TimeSpan.FromMinutes(1), EstimateOptions.Default);
        var bank = BankAggregate.Combine(BankDevice.For(options), options, [("pack1", HaReadings.Eg4()), ("jbd1", HaReadings.Jbd())], HaReadings.Noon)!;
        var meteredBank = Observed<Reading>.Of(Observable.Return(bank)
            .MeterEnergy(MeterOptions.ForPollInterval(TimeSpan.FromSeconds(10)), new RecordingMeterStore(), scheduler)).Items.Single();

        harness.Publisher.Publish(pack);
        harness.Publisher.Publish(meteredBank);
        harness.Advance(TimeSpan.FromSeconds(10));
        var book = harness.Book();

        book.Entities.Select(e => e.Key).Should().Contain(
            ["energy_charged", "energy_discharged", "amp_hours_charged", "time_to_full", "stored_energy", "packs_online", "cell_voltage_min_pack"]);
        book.Rule02JsonObject().Should().BeEmpty();
        book.Rule03UniqueIds().Should().BeEmpty();
        book.Rule04DeviceBlock().Should().BeEmpty();
        book.Rule08SensorClasses().Should().BeEmpty();
        book.Rule12Diagnostics().Should().BeEmpty();
        book.Rule13DisplayPrecision().Should().BeEmpty();
        book.Rule16Avoid().Should().BeEmpty();
        book.TemplateKeysInState().Should().BeEmpty();
    }
}
