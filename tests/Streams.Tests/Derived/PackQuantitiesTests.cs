using FluentAssertions;
using Streams.Derived;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Xunit;

namespace Streams.Tests.Derived;

public sealed class PackQuantitiesTests
{
    /// <summary>The table in <see cref="PackQuantities"/>: what each device catalogue offers the derived operators.</summary>
    [Fact]
    public void Every_device_catalogue_offers_the_shared_keys_the_table_says()
    {
        string[] everyone = [CommonFields.PackVoltageKey, CommonFields.CurrentKey, CommonFields.StateOfChargeKey, CommonFields.CellVoltageMinKey, CommonFields.CellVoltageMaxKey];
        var catalogues = new Dictionary<string, IReadOnlyList<FieldSpec>>
        {
            [Eg4LlDevice.Protocol] = Eg4LlFields.All,
            [Eg4LegacyDevice.Protocol] = Eg4LegacyFields.All,
            [JbdDevice.Protocol] = JbdFields.All,
        };

        foreach (var (kind, catalogue) in catalogues)
        {
            catalogue.Select(s => s.Key).Should().Contain(everyone, kind);
        }

        Keys(Eg4LlFields.All).Should().Contain([CommonFields.RemainingCapacityKey, CommonFields.FullCapacityKey, CommonFields.DesignCapacityKey]);
        Keys(Eg4LegacyFields.All).Should().Contain(CommonFields.FullCapacityKey).And.NotContain([CommonFields.RemainingCapacityKey, CommonFields.DesignCapacityKey]);
        Keys(JbdFields.All).Should().Contain([CommonFields.RemainingCapacityKey, CommonFields.DesignCapacityKey]).And.NotContain(CommonFields.FullCapacityKey);
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

    private static IEnumerable<string> Keys(IReadOnlyList<FieldSpec> catalogue) => catalogue.Select(s => s.Key);
}
