using Streams.Config.Model;
using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>
/// Reads <c>banks:</c>, after the sources (whose pack names it refers to): each item a mapping of
/// <c>name</c>, <c>packs</c> (configured pack names, at least one, each in one bank only) and an
/// optional <c>stale_after</c>.
/// </summary>
internal static class BankSectionReader
{
    public static IReadOnlyList<BankConfig> Read(MappingReader root)
    {
        var items = root.Sequence("banks");
        if (items is null)
        {
            return ConfigList<BankConfig>.Empty;
        }

        var seen = new Seen();
        var banks = new List<BankConfig>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            if (MappingReader.Open(items[index], $"{root.PathOf("banks")}[{index}]", root.Context) is { } item)
            {
                banks.Add(ReadBank(item, seen));
                item.ReportUnknownKeys();
            }
        }

        return new ConfigList<BankConfig>(banks);
    }

    private static BankConfig ReadBank(MappingReader item, Seen seen)
    {
        var name = NameRules.BankName(item);
        seen.Banks.Add(name);
        var staleAfter = item.Find("stale_after") is null
            ? (TimeSpan?)null
            : item.Duration("stale_after", Limits.DefaultPollInterval, Limits.MinPollInterval, Limits.MaxStaleAfter);
        var nodes = item.Sequence("packs");
        if (nodes is null)
        {
            if (item.Find("packs") is null)
            {
                item.Error("packs", "required value is missing (a list of the names of configured packs)");
            }

            return new BankConfig(name, ConfigList<string>.Empty, staleAfter);
        }

        if (nodes.Count == 0)
        {
            item.Error("packs", "needs at least one pack");
        }

        var packs = new List<string>(nodes.Count);
        for (var index = 0; index < nodes.Count; index++)
        {
            if (PackOf(item.Context, nodes[index], $"{item.PathOf("packs")}[{index}]", name, packs, seen) is { } pack)
            {
                packs.Add(pack);
            }
        }

        return new BankConfig(name, new ConfigList<string>(packs), staleAfter);
    }

    /// <summary>The configured pack <paramref name="node"/> names, or null (with an error).</summary>
    private static string? PackOf(ConfigContext context, YamlNode node, string path, string bank, List<string> packs, Seen seen)
    {
        if (context.ScalarText(node, path) is not { } written)
        {
            return null;
        }

        var pack = context.Claims.ClaimedName(written);
        if (pack is null || seen.Banks.Contains(pack))
        {
            var known = context.Claims.ClaimedNames.Where(n => !seen.Banks.Contains(n));
            context.Error(node, path, $"unknown pack {ConfigText.Quote(written)} (configured packs: {ConfigText.List(known)})");
            return null;
        }

        if (pack != written)
        {
            context.Error(node, path, $"unknown pack {ConfigText.Quote(written)}; did you mean {ConfigText.Quote(pack)}? (names are compared exactly here)");
            return null;
        }

        if (packs.Contains(pack))
        {
            context.Error(node, path, $"pack {ConfigText.Quote(pack)} is listed twice in this bank");
            return null;
        }

        if (seen.BankOf.TryGetValue(pack, out var other))
        {
            context.Error(node, path, $"pack {ConfigText.Quote(pack)} is already in bank {ConfigText.Quote(other)}; a pack belongs to one bank");
            return null;
        }

        seen.BankOf[pack] = bank;
        return pack;
    }

    private sealed class Seen
    {
        public HashSet<string> Banks { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string> BankOf { get; } = new(StringComparer.Ordinal);
    }
}
