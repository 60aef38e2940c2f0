using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// Remembers which discovery configs this bridge published, across runs, so that configs it no
/// longer produces are cleared (docs/home-assistant.md §5, §10) instead of living on as ghosts.
/// </summary>
/// <remarks>
/// The memory is a retained JSON index under the bridge's own base topic, one per bridge instance
/// (<see cref="BridgeTopics.DiscoveryIndex"/>): <c>{"&lt;config topic&gt;": ["platform/key", …], …}</c>.
/// A bridge reads back only its own index, so only what it published itself is ever cleared: a
/// second configuration on the same broker, even on the same base topic, never takes another
/// bridge's devices for stale ones. On the first connect the bridge waits briefly for its old index,
/// then settles: configs of devices no longer configured are cleared at once; those of configured
/// devices are reconciled when the device first reports (a pack that is merely slow to answer keeps
/// its entities). The one index per base topic of earlier versions is read too, for the devices this
/// bridge has: it cannot tell whose the others were, so it clears none of them.
/// </remarks>
internal sealed class DiscoveryLedger(DiscoveryIds ids)
{
    private readonly Dictionary<string, IReadOnlyList<string>> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _inherited = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unowned = new(StringComparer.Ordinal);

    /// <summary>True once the previous run's index was read (or waited for); from then on the index is ours to write.</summary>
    public bool Settled { get; private set; }

    public void Record(DiscoveryConfig config) => _published[config.Topic] = config.Components;

    /// <summary>
    /// Takes back a config published in this run as if an earlier run had left it, so that the next
    /// reconciliation of its node moves its entities elsewhere (or clears it); false when it was never published.
    /// </summary>
    public bool Disown(string topic)
    {
        if (!_published.Remove(topic, out var components))
        {
            return false;
        }

        _inherited[topic] = components;
        return true;
    }

    /// <summary>
    /// Merges a previous run's index (<paramref name="owned"/>), or the shared index of an earlier
    /// version, whose entries are never cleared as orphans. False for a payload that is not an index (it is ignored).
    /// </summary>
    public bool Load(string payload, bool owned = true)
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

                if (owned)
                {
                    _unowned.Remove(entry.Name);
                }
                else if (!_inherited.ContainsKey(entry.Name))
                {
                    _unowned.Add(entry.Name);
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

    /// <summary>
    /// Ends the wait for the old index; returns the topics of nodes that are neither the bridge nor
    /// configured, to clear now (only from this bridge's own index; the others are forgotten).
    /// </summary>
    public IReadOnlyList<string> Settle(Func<string, bool> isKnownNode)
    {
        Settled = true;
        var unknown = _inherited.Keys.Where(topic => !isKnownNode(ids.NodeOf(topic)!)).ToArray();
        foreach (var topic in unknown)
        {
            _inherited.Remove(topic);
        }

        var orphans = unknown.Where(topic => !_unowned.Contains(topic)).ToArray();
        _unowned.Clear();
        return orphans;
    }

    /// <summary>
    /// Compares <paramref name="node"/>'s inherited configs with its <paramref name="current"/> ones and
    /// forgets the inherited ones. A config no longer produced whose entities now live in another of
    /// the node's configs (per-entity to device discovery, or back) is migrated; any other is cleared.
    /// </summary>
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
            else if (components.Any(c => current.Any(config => config.Components.Contains(c, StringComparer.Ordinal))))
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

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, DiscoveryPayloads.WriterOptions))
        {
            json.WriteStartObject();
            foreach (var (topic, components) in all)
            {
                json.WriteStartArray(topic);
                foreach (var component in components)
                {
                    json.WriteStringValue(component);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
