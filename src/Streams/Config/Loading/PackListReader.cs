using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>
/// Reads a <c>packs:</c> list of <c>{name, address}</c> mappings. Names are claimed across all sources;
/// addresses must differ within the list, because the list is one bus.
/// </summary>
internal static class PackListReader
{
    public static IReadOnlyList<PackConfig> Read(MappingReader parent, string key, bool required) =>
        Read(parent, key, required, sharedBus: true, (_, pack) => pack);

    /// <summary>
    /// Like <see cref="Read(MappingReader, string, bool)"/>, letting <paramref name="project"/> read extra
    /// keys of each item (the seed's per-pack <c>port</c> and <c>baud</c>). When the packs are not on one
    /// <paramref name="sharedBus"/> (the seed's one adapter per pack), addresses may repeat.
    /// </summary>
    public static IReadOnlyList<T> Read<T>(MappingReader parent, string key, bool required, bool sharedBus, Func<MappingReader, PackConfig, T> project)
    {
        var items = parent.Sequence(key);
        if (items is null)
        {
            if (required && parent.Find(key) is null)
            {
                parent.Error(key, "required value is missing (a list of {name, address})");
            }

            return ConfigList<T>.Empty;
        }

        if (items.Count == 0 && required)
        {
            parent.Error(key, "needs at least one pack");
        }

        var addresses = new Dictionary<int, string>();
        var result = new List<T>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            var path = $"{parent.PathOf(key)}[{index}]";
            if (MappingReader.Open(items[index], path, parent.Context) is not { } item)
            {
                continue;
            }

            var name = NameRules.PackName(item);
            var address = item.RequiredInteger("address", Limits.MinAddress, Limits.MaxAddress);
            if (sharedBus && address is { } value)
            {
                CheckAddressFree(item, value, name, addresses);
            }

            result.Add(project(item, new PackConfig(name, address ?? 0)));
            item.ReportUnknownKeys();
        }

        return new ConfigList<T>(result);
    }

    private static void CheckAddressFree(MappingReader item, int address, string name, Dictionary<int, string> addresses)
    {
        var node = item.Find("address")!;
        if (addresses.TryGetValue(address, out var first))
        {
            item.Context.Error(node, item.PathOf("address"), $"address {address} is already used by {first} on this bus");
            return;
        }

        addresses[address] = $"{ConfigText.Quote(name)} (line {node.Start.Line})";
    }
}
