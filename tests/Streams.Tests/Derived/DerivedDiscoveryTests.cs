using FluentAssertions;
using Streams.Derived;
using Xunit;

namespace Streams.Tests.Derived;

/// <summary>
/// The new entities against docs/home-assistant.md §6: the classes the Energy dashboard needs. The
/// whole discovery checklist over a bank and metered packs is <see cref="Composition.DerivedPipelineTests"/>.
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
}
