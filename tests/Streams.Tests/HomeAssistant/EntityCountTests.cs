using System.Text.RegularExpressions;
using FluentAssertions;
using FluentAssertions.Execution;
using Streams.Core;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// What a pack brings into Home Assistant by default: the main readings, every cell, the cell
/// statistics, one problem summary and the diagnostics are enabled; single problem bits and raw
/// registers are there but disabled. The counts are the ones README.md states.
/// </summary>
public partial class EntityCountTests
{
    private static readonly Dictionary<string, Func<Reading>> Devices = new()
    {
        ["EG4-LL, 39 registers"] = () => SimulatedReadings.Eg4Ll(39),
        ["EG4-LL, 47 registers"] = () => SimulatedReadings.Eg4Ll(47),
        ["EG4 7E"] = SimulatedReadings.Eg47E,
        ["JBD"] = SimulatedReadings.Jbd,
    };

    public static TheoryData<string> DeviceNames => [.. Devices.Keys];

    [Theory, MemberData(nameof(DeviceNames))]
    public void Single_problem_bits_and_raw_registers_start_disabled_everything_else_enabled(string device)
    {
        var components = Components(Devices[device]());
        bool IsBitOrRegister(DiscoveryComponent c) =>
            (c.Option("dev_cla") as string == "problem" && c.Key != "problem") || c.Key.StartsWith("register_", StringComparison.Ordinal) || c.Key == "balancing_bits"
            || Regex.IsMatch(c.Key, @"^cell_\d\d_balancing$");

        using (new AssertionScope())
        {
            components.Where(IsBitOrRegister).Should().NotBeEmpty().And.OnlyContain(c => Disabled(c), "single bits and raw registers are noise on a dashboard");
            components.Where(c => !IsBitOrRegister(c)).Should().OnlyContain(c => !Disabled(c), "main readings, cells, statistics, the summary and diagnostics are what a person watches");
            components.Where(c => Regex.IsMatch(c.Key, @"^cell_\d\d_voltage$")).Should().HaveCount(16).And.OnlyContain(c => c.Option("ent_cat") == null, "cells are main readings");
            components.Single(c => c.Key == "problem").Should().Match<DiscoveryComponent>(c => c.Platform == "binary_sensor" && (string?)c.Option("dev_cla") == "problem");
            components.Single(c => c.Key == "active_problems").Platform.Should().Be("sensor");
        }
    }

    [Fact]
    public void README_states_the_entity_counts_of_every_device()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var table = Regex.Match(readme, "<!-- entity-counts -->(.*?)<!-- /entity-counts -->", RegexOptions.Singleline);
        table.Success.Should().BeTrue("README.md has an entity-counts table");
        var stated = Row().Matches(table.Groups[1].Value)
            .ToDictionary(m => m.Groups["device"].Value.Trim(), m => (Total: int.Parse(m.Groups["total"].Value), Enabled: int.Parse(m.Groups["enabled"].Value)));

        var actual = Devices.ToDictionary(d => d.Key, d =>
        {
            var components = Components(d.Value());
            return (Total: components.Count, Enabled: components.Count(c => !Disabled(c)));
        });

        stated.Should().BeEquivalentTo(actual);
    }

    private static bool Disabled(DiscoveryComponent component) => component.Option("en") is false;

    private static IReadOnlyList<DiscoveryComponent> Components(Reading reading) =>
        DiscoveryComponents.ForFields(
            reading.Fields.Select(f => f.Spec),
            reading.Device.Name,
            $"streams_{reading.Device.Name}",
            new DeviceSettings(TimeSpan.FromSeconds(10)),
            new BridgeTopics("streams"));

    [GeneratedRegex(@"^\|\s*(?<device>[^|]+?)\s*\|\s*(?<total>\d+)\s*\|\s*(?<enabled>\d+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
