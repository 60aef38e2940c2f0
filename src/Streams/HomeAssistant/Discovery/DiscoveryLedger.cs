using System.Text.Json;

namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// Remembers which discovery configs this bridge published, across runs, so that configs it no
/// longer produces are cleared (docs/home-assistant.md §5, §10) instead of living on as ghosts.
/// </summary>
/// <remarks>
/// The memory is a retained JSON index under the bridge's own base topic (<see cref="BridgeTopics.DiscoveryIndex"/>):
/// <c>{"&lt;config topic&gt;": ["platform/key", …], …}</c>. Reading it back needs only the bridge's own
/// tree, which an ACL grants anyway; reading back the retained configs under the discovery prefix
/// instead would need read access to every integration's configs and a subscription that receives all
/// of them. On the first connect the bridge waits briefly for the old index, then settles: configs of
/// devices no longer configured are cleared at once; those of configured devices are reconciled when
/// the device first reports (a pack that is merely slow to answer keeps its entities).
/// </remarks>
internal sealed class DiscoveryLedger(DiscoveryIds ids)
{
    private readonly Dictionary<string, IReadOnlyList<string>> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _inherited = new(StringComparer.Ordinal);

    /// <summary>True once the previous run's index was read (or waited for); from then on the index is ours to write.</summary>
    public bool Settled { get; private set; }

    public void Record(DiscoveryConfig config) => _published[config.Topic] = config.Components;

    /// <summary>Merges a previous run's index. False for a payload that is not an index (it is ignored).</summary>
    public bool Load(string payload)
    {
        if (Settled || payload.Length == 0)
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (ids.NodeOf(entry.Name) is not { } node || !node.StartsWith(ids.Namespace + "_", StringComparison.Ordinal) || entry.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                _inherited[entry.Name] = entry.Value.EnumerateArray()
                    .Where(c => c.ValueKind == JsonValueKind.String && c.GetString()!.Contains('/', StringComparison.Ordinal))
                    .Select(c => c.GetString()!)
                    .ToArray();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Ends the wait for the old index; returns the topics of nodes that are neither the bridge nor configured, to clear now.</summary>
    public IReadOnlyList<string> Settle(Func<string, bool> isKnownNode)
    {
        Settled = true;
        var orphans = _inherited.Keys.Where(topic => !isKnownNode(ids.NodeOf(topic)!)).ToArray();
        foreach (var topic in orphans)
        {
            _inherited.Remove(topic);
        }

        return orphans;
    }

    /// <summary>Compares <paramref name="node"/>'s inherited configs with its <paramref name="current"/> ones and forgets the inherited ones.</summary>
    public DiscoveryReconciliation Reconcile(string node, IReadOnlyList<DiscoveryConfig> current)
    {
        if (!Settled)
        {
            return DiscoveryReconciliation.None;
        }

        var mine = _inherited.Where(e => ids.NodeOf(e.Key) == node).ToArray();
        if (mine.Length == 0)
        {
            return DiscoveryReconciliation.None;
        }

        var currentByTopic = current.ToDictionary(c => c.Topic, StringComparer.Ordinal);
        var deviceTopic = ids.DeviceConfigTopic(node);
        var deviceComponents = currentByTopic.TryGetValue(deviceTopic, out var deviceConfig)
            ? deviceConfig.Components.ToHashSet(StringComparer.Ordinal)
            : [];
        var clear = new List<string>();
        var migrate = new List<string>();
        var stubs = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var (topic, components) in mine)
        {
            _inherited.Remove(topic);
            if (currentByTopic.TryGetValue(topic, out var now))
            {
                var gone = components.Except(now.Components, StringComparer.Ordinal).ToArray();
                if (gone.Length > 0 && topic == deviceTopic)
                {
                    stubs[topic] = gone;
                }
            }
            else if (topic != deviceTopic && components.Count == 1 && deviceComponents.Contains(components[0]))
            {
                migrate.Add(topic);
            }
            else
            {
                clear.Add(topic);
            }
        }

        return new DiscoveryReconciliation(clear, migrate, stubs);
    }

    /// <summary>The index to retain: this run's configs plus inherited ones not yet reconciled (devices that have not reported).</summary>
    public string IndexPayload()
    {
        var all = new SortedDictionary<string, IReadOnlyList<string>>(_inherited, StringComparer.Ordinal);
        foreach (var (topic, components) in _published)
        {
            all[topic] = components;
        }

        return JsonSerializer.Serialize(all, DiscoveryIndexJson.Default.SortedDictionaryStringIReadOnlyListString);
    }
}
