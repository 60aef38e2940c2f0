using FluentAssertions;
using Streams.Derived;
using Streams.Readings;
using Xunit;

namespace Streams.Tests.Derived;

public sealed class PackQuantitiesTests
{
    [Fact]
    public void The_keys_read_are_the_keys_every_catalogue_uses()
    {
        PackQuantities.PackVoltageKey.Should().Be(CommonFields.PackVoltage.Key);
        PackQuantities.CurrentKey.Should().Be(CommonFields.Current.Key);
        PackQuantities.CellVoltageMinKey.Should().Be(CommonFields.CellVoltageMin.Key);
        PackQuantities.CellVoltageMaxKey.Should().Be(CommonFields.CellVoltageMax.Key);
        new[] { Eg4LlFields.StateOfCharge.Key, Eg4LegacyFields.StateOfCharge.Key, JbdFields.StateOfCharge.Key }
            .Should().AllBe(PackQuantities.StateOfChargeKey);
        new[] { Eg4LlFields.RemainingCapacity.Key, JbdFields.RemainingCapacity.Key }.Should().AllBe(PackQuantities.RemainingCapacityKey);
        new[] { Eg4LlFields.FullCapacity.Key, Eg4LegacyFields.FullCapacity.Key }.Should().AllBe(PackQuantities.FullCapacityKey);
        new[] { Eg4LlFields.DesignCapacity.Key, JbdFields.DesignCapacity.Key }.Should().AllBe(PackQuantities.DesignCapacityKey);
    }

    [Fact]
    public void Every_device_catalogue_gives_voltage_current_and_state_of_charge()
    {
        foreach (var kind in new[] { DeviceKinds.Eg4Ll, DeviceKinds.Eg4Legacy, DeviceKinds.Jbd })
        {
            FieldCatalogue.For(kind).Select(s => s.Key).Should().Contain(
                [PackQuantities.PackVoltageKey, PackQuantities.CurrentKey, PackQuantities.StateOfChargeKey,
                    PackQuantities.CellVoltageMinKey, PackQuantities.CellVoltageMaxKey], kind);
        }
    }

    [Fact]
    public void Eg4_ll_reports_remaining_and_full_capacity_itself()
    {
        var quantities = PackQuantities.Of(DerivedReadings.Eg4Ll());

        quantities.Should().Be(new PackQuantities(53.66, 1.2, 97, 97, 100, 3.353, 3.355));
    }

    [Fact]
    public void Eg4_legacy_has_no_remaining_capacity_so_it_is_the_state_of_charge_of_the_full_capacity()
    {
        var quantities = PackQuantities.Of(DerivedReadings.Eg4Legacy());

        quantities.FullAh.Should().Be(100);
        quantities.StateOfCharge.Should().Be(88.6);
        quantities.RemainingAh.Should().BeApproximately(88.6, 1e-9);
    }

    [Fact]
    public void Jbd_has_no_full_capacity_so_its_nominal_design_capacity_stands_in()
    {
        var quantities = PackQuantities.Of(DerivedReadings.Jbd());

        quantities.FullAh.Should().Be(5.0);
        quantities.RemainingAh.Should().Be(4.98);
        quantities.CellMinVolts.Should().Be(3.895);
        quantities.CellMaxVolts.Should().Be(3.909);
    }

    [Fact]
    public void Jbd_without_its_cell_read_has_no_cell_extremes()
    {
        var quantities = PackQuantities.Of(DerivedReadings.Jbd(withCells: false));

        quantities.CellMinVolts.Should().BeNull();
        quantities.CellMaxVolts.Should().BeNull();
        quantities.Volts.Should().Be(15.6);
    }
}
