using System.Text.RegularExpressions;
using FluentAssertions;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Jbd.Ble;
using Xunit;

namespace Streams.Tests.Devices;

public partial class FieldCatalogueTests
{
    // docs/home-assistant.md §6: device class → the only units it accepts, and its state classes.
    private static readonly Dictionary<string, (string[] Units, string[] StateClasses)> SensorClasses = new()
    {
        ["voltage"] = (["V", "mV"], ["measurement"]),
        ["current"] = (["A", "mA"], ["measurement"]),
        ["power"] = (["W", "kW"], ["measurement"]),
        ["battery"] = (["%"], ["measurement"]),
        ["temperature"] = (["\u00B0C"], ["measurement"]),
        ["energy"] = (["Wh", "kWh"], ["total", "total_increasing"]),
        ["energy_storage"] = (["Wh", "kWh"], ["measurement"]),
    };

    private static readonly string[] BinaryClasses = ["problem", "battery_charging", "running", "power"];

    // Every device's catalogue, by its protocol name; jbd-ble adds the link diagnostics to jbd's.
    private static readonly Dictionary<string, IReadOnlyList<FieldSpec>> Catalogues = new()
    {
        [Eg4LlDevice.Protocol] = Eg4LlFields.All,
        [Eg4LegacyDevice.Protocol] = Eg4LegacyFields.All,
        [JbdDevice.Protocol] = JbdFields.All,
        [JbdBleDevice.Protocol] = [.. JbdFields.All, .. BleLinkFields.All],
    };

    private static readonly string[] Kinds = [Eg4LlDevice.Protocol, Eg4LegacyDevice.Protocol, JbdDevice.Protocol];

    public static TheoryData<string> DeviceKindNames => new(Kinds);

    [Theory]
    [MemberData(nameof(DeviceKindNames))]
    public void Keys_are_unique_snake_case(string kind)
    {
        var keys = Catalogues[kind].Select(f => f.Key).ToList();

        keys.Should().OnlyHaveUniqueItems();
        keys.Should().OnlyContain(k => SnakeCase().IsMatch(k));
    }

    [Theory]
    [MemberData(nameof(DeviceKindNames))]
    public void Sensors_use_only_valid_home_assistant_combinations(string kind)
    {
        foreach (var spec in Catalogues[kind].Where(f => f.Kind == FieldKind.Sensor))
        {
            spec.StateClass.Should().BeOneOf(null, "measurement", "total", "total_increasing");
            spec.Precision.Should().NotBeNull(spec.Key).And.BeGreaterThanOrEqualTo(0);
            if (spec.DeviceClass is { } deviceClass)
            {
                SensorClasses.Should().ContainKey(deviceClass, spec.Key);
                spec.Unit.Should().BeOneOf(SensorClasses[deviceClass].Units, spec.Key);
                spec.StateClass.Should().BeOneOf(SensorClasses[deviceClass].StateClasses, spec.Key);
            }
            else if (spec.Unit is not null)
            {
                spec.Unit.Should().BeOneOf(["Ah", "%"], $"{spec.Key}: only Ah and SoH % go without a device class");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeviceKindNames))]
    public void On_off_and_text_fields_carry_no_unit_or_state_class(string kind)
    {
        foreach (var spec in Catalogues[kind].Where(f => f.Kind != FieldKind.Sensor))
        {
            spec.Unit.Should().BeNull(spec.Key);
            spec.StateClass.Should().BeNull(spec.Key);
            spec.Precision.Should().BeNull(spec.Key);
            if (spec.Kind == FieldKind.Text)
            {
                spec.DeviceClass.Should().BeNull(spec.Key);
            }
            else if (spec.DeviceClass is not null)
            {
                spec.DeviceClass.Should().BeOneOf(BinaryClasses, spec.Key);
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeviceKindNames))]
    public void Warning_protection_alarm_and_error_bits_are_diagnostic_problems(string kind)
    {
        var problems = Catalogues[kind]
            .Where(f => f.Key.StartsWith("warning_", StringComparison.Ordinal)
                || f.Key.StartsWith("protection_", StringComparison.Ordinal)
                || f.Key.StartsWith("alarm_", StringComparison.Ordinal)
                || f.Key.StartsWith("error_", StringComparison.Ordinal))
            .ToList();

        problems.Should().NotBeEmpty();
        problems.Should().OnlyContain(f => f.Kind == FieldKind.Problem && f.DeviceClass == "problem" && f.Diagnostic);
        Catalogues[kind].Where(f => f.Kind == FieldKind.Problem).Should().BeEquivalentTo(problems);
    }

    [Theory]
    [MemberData(nameof(DeviceKindNames))]
    public void Cells_and_counters_are_diagnostic_and_cells_start_disabled(string kind)
    {
        var catalogue = Catalogues[kind];

        catalogue.Where(f => CellKey().IsMatch(f.Key)).Should().NotBeEmpty()
            .And.OnlyContain(f => f.Diagnostic && !f.EnabledByDefault && f.Unit == "V" && f.Precision == 3);
        catalogue.Single(f => f.Key == "cycles").Should().Match<FieldSpec>(
            f => f.Diagnostic && f.StateClass == "total_increasing" && f.DeviceClass == null && f.Unit == null);
        catalogue.Single(f => f.Key == "state_of_charge").DeviceClass.Should().Be("battery");
    }

    [Fact]
    public void Raw_registers_are_diagnostic_and_disabled_by_default()
    {
        Eg4LlFields.Registers.Should().HaveCount(125)
            .And.OnlyContain(f => f.Diagnostic && !f.EnabledByDefault && f.Kind == FieldKind.Sensor);
        Eg4LlFields.Registers[7].Key.Should().Be("register_07");
        Eg4LlFields.Registers[105].Key.Should().Be("register_105");
        Eg4LlFields.All.Count(f => f.Key.StartsWith("register_", StringComparison.Ordinal)).Should().Be(47);
    }

    [Fact]
    public void Shared_meanings_share_keys_across_devices()
    {
        string[] shared = ["pack_voltage", "current", "power", "state_of_charge", "cycles", "cell_01_voltage", "cell_voltage_delta", "cell_count"];

        foreach (var kind in Kinds)
        {
            Catalogues[kind].Select(f => f.Key).Should().Contain(shared, kind);
        }
    }

    [Fact]
    public void Temperatures_use_the_degree_sign_not_the_ordinal_indicator()
    {
        var temperatures = Catalogues.Values.SelectMany(c => c).Where(f => f.DeviceClass == "temperature").ToList();

        temperatures.Should().NotBeEmpty().And.OnlyContain(f => f.Unit == "\u00B0C");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"^cell_\d\d_voltage$")]
    private static partial Regex CellKey();
}
