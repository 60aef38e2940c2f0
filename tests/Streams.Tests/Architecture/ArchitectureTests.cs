using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Architecture;

/// <summary>
/// The rules of the house (docs/architecture.md), checked on the library's sources: devices are rooms,
/// generic machinery is the corridor, only the composition root and the tools read the configuration,
/// and no two folders depend on each other.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Folders that may read <c>Streams.Config</c>: itself, the composition root and the CLI tools.</summary>
    private static readonly string[] ConfigReaders = ["Config", "Composition", "Tools"];

    /// <summary>Folders that may name a device: the devices themselves, the composition root and the tools.</summary>
    private static readonly string[] DeviceAware = ["Devices", "Composition", "Tools"];

    private static readonly Lazy<(IReadOnlyList<SourceUse> Uses, IReadOnlyList<(string File, string Declared, string Expected)> Misplaced)> Scan =
        new(() => SourceUses.Of(Repository.Root));

    [Fact]
    public void Every_file_s_namespace_is_its_folder()
    {
        var misplaced = Scan.Value.Misplaced.Select(m => $"{m.File}: namespace {m.Declared}, folder says {m.Expected}").ToList();

        Assert.True(misplaced.Count == 0, "namespaces must follow folders:\n" + string.Join("\n", misplaced));
    }

    [Fact]
    public void Only_the_composition_root_and_the_tools_read_the_configuration()
    {
        var violations = Scan.Value.Uses
            .Where(use => Folder.Top(use.To) == "Config" && !ConfigReaders.Contains(Folder.Top(use.From)))
            .Select(Describe)
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0, "Streams.Config is read outside Composition, Tools and Config:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Generic_folders_never_name_a_device()
    {
        var violations = Scan.Value.Uses
            .Where(use => Folder.Top(use.To) == "Devices" && !DeviceAware.Contains(Folder.Top(use.From)))
            .Select(Describe)
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0, "a generic folder uses a device folder:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void No_two_folders_use_each_other()
    {
        var edges = Scan.Value.Uses
            .Select(use => (From: Folder.Node(use.From), To: Folder.Node(use.To), Use: use))
            .Where(edge => edge.From != edge.To)
            .GroupBy(edge => (edge.From, edge.To))
            .ToDictionary(group => group.Key, group => group.First().Use);
        var cycles = Folder.Cycles(edges.Keys)
            .Select(group => string.Join(" <-> ", group) + ":\n" + string.Join("\n", edges
                .Where(edge => group.Contains(edge.Key.From) && group.Contains(edge.Key.To))
                .OrderBy(edge => edge.Key.From, StringComparer.Ordinal).ThenBy(edge => edge.Key.To, StringComparer.Ordinal)
                .Select(edge => $"  {edge.Key.From} -> {edge.Key.To}: {Describe(edge.Value)}")))
            .ToList();

        Assert.True(cycles.Count == 0, "folders that use each other (the dependencies must run one way):\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void The_check_sees_the_uses_it_judges()
    {
        // A scan that binds nothing would pass every rule: these uses exist in the sources and must be found.
        var uses = Scan.Value.Uses;

        Assert.Contains(uses, use => use.From == "Streams.Composition.Kinds" && use.To == "Streams.Config.Model");
        Assert.Contains(uses, use => use.From == "Streams.Devices.Eg4Ll" && use.To == "Streams.Devices.Modbus" && use.Symbol.Contains("ModbusRtuLayout.MaxRegisterCount", StringComparison.Ordinal));
        Assert.Contains(uses, use => use.From == "Streams.Devices.Jbd" && use.To == "Streams.Framing" && use.Symbol.Contains("Frame", StringComparison.Ordinal));
    }

    private static string Describe(SourceUse use) => $"{use.File} uses {use.Symbol} ({use.To})";
}
