namespace Streams.Tests.Architecture;

/// <summary>Top-level folders of the library, as namespaces name them, and the cycles among them.</summary>
internal static class Folder
{
    /// <summary><c>Streams.Devices.Jbd.Ble</c> → <c>Devices</c>.</summary>
    public static string Top(string ns) => ns.Split('.') is [_, var top, ..] ? top : ns;

    /// <summary>A node of the dependency graph: a top-level folder, each device folder on its own (<c>Devices.Jbd</c>).</summary>
    public static string Node(string ns) => ns.Split('.') switch
    {
        [_, "Devices", var device, ..] => $"Devices.{device}",
        [_, var top, ..] => top,
        _ => ns,
    };

    /// <summary>Every strongly connected group of more than one node: folders that reach each other (Tarjan's algorithm).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList());
        var nodes = next.Keys.Concat(next.Values.SelectMany(v => v)).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var groups = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var target in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (stack.Contains(target))
                {
                    low[node] = Math.Min(low[node], index[target]);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != node);

                if (group.Count > 1)
                {
                    groups.Add([.. group.OrderBy(n => n, StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return groups;
    }
}
