using Serilog;
using Streams.Sinks;

namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// Publishes the retained discovery configs of the bridge and of each device (either layout), and
/// keeps the <see cref="DiscoveryLedger"/> of what was published, so that what an earlier run left is
/// cleared, migrated or stubbed out (docs/home-assistant.md §1.2, §5, §10) and the index stays true.
/// Not thread-safe: the publisher calls it one piece of work at a time (a removal's second step too, via <c>later</c>).
/// </summary>
/// <remarks>
/// With a broker nothing is announced before the ledger is settled (the earlier run's index read, or
/// waited for): a device moving between layouts needs Home Assistant's order (<c>migrate_discovery</c>
/// on every old topic, the new config, the old topics cleared), and only then are the old ones known.
/// States go out meanwhile; retained, Home Assistant reads them once the entities exist.
/// </remarks>
internal sealed class DiscoveryAnnouncer
{
    private const string MigratePayload = """{"migrate_discovery":true}""";

    private readonly HomeAssistantOptions _options;
    private readonly DiscoveryIds _ids;
    private readonly BridgeTopics _topics;
    private readonly DeviceRegistry _devices;
    private readonly IMessageSink _sink;
    private readonly ILogger _log;
    private readonly Action<TimeSpan, Action> _later;
    private readonly bool _keepsIndex;
    private readonly DiscoveryConfigs _configs;
    private readonly DiscoveryLedger _ledger;
    private readonly HashSet<string> _otherInstances = new(StringComparer.Ordinal);
    private string? _lastIndex;
    private bool _legacyIndexSeen;
    private bool _bridgeAnnounced;

    /// <param name="later">Runs an action after a delay (the second step of a removal), one piece of work at a time with the rest.</param>
    /// <param name="keepsIndex">True with a broker: the ledger waits for the earlier run's index and the index is written; false on the console.</param>
    public DiscoveryAnnouncer(HomeAssistantOptions options, DiscoveryIds ids, BridgeTopics topics, DeviceRegistry devices, IMessageSink sink, ILogger log, Action<TimeSpan, Action> later, bool keepsIndex)
    {
        _options = options;
        _ids = ids;
        _topics = topics;
        _devices = devices;
        _sink = sink;
        _log = log;
        _later = later;
        _keepsIndex = keepsIndex;
        _configs = new DiscoveryConfigs(options, ids, topics);
        _ledger = new DiscoveryLedger(ids);
        if (!keepsIndex)
        {
            _ledger.Settle(_ => true);
        }
    }

    /// <summary>True once what an earlier run left is known, and discovery is published.</summary>
    public bool Settled => _ledger.Settled;

    /// <summary>The bridge and every device that has reported fields (once settled; <see cref="Settle"/> announces them otherwise).</summary>
    public void AnnounceAll()
    {
        if (!_ledger.Settled)
        {
            return;
        }

        AnnounceBridge();
        foreach (var entry in _devices.All.Where(e => e.Fields.Count > 0))
        {
            Announce(entry);
        }
    }

    /// <summary>
    /// <paramref name="entry"/>'s configs, once settled; a first announcement first reconciles what an
    /// earlier run left for the device, and the index follows.
    /// </summary>
    public void Announce(DeviceEntry entry)
    {
        if (!_ledger.Settled)
        {
            return;
        }

        if (entry.Announced)
        {
            Publish(_configs.Device(entry));
        }
        else
        {
            entry.Announced = true;
            Present(entry.Node, removed => _configs.Device(entry, removed));
        }

        PublishIndex();
    }

    /// <summary>
    /// An index read back from the broker: this instance's retained one from an earlier run (which
    /// settles the ledger at once: nothing more can come), or the one index of an earlier version.
    /// Live ones (our own echo) and other instances' are ignored, bar a warning about the latter.
    /// </summary>
    public void LoadIndex(string topic, string payload, bool retained)
    {
        if (topic == _topics.LegacyDiscoveryIndex)
        {
            if (retained && payload.Length > 0 && !_ledger.Settled)
            {
                _legacyIndexSeen = true;
                LoadOrWarn(topic, payload, owned: false);
            }

            return;
        }

        if (topic != _topics.DiscoveryIndex)
        {
            if (payload.Length > 0 && _topics.IndexInstance(topic) is { } other && _otherInstances.Add(other))
            {
                _log.Warning(
                    "another bridge (client id {Other:l}) publishes under base topic {Base:l}: its Home Assistant devices are left alone, but both bridges share {Availability:l}; give each bridge its own mqtt.base_topic",
                    other, _topics.Base, _topics.BridgeAvailability);
            }

            return;
        }

        if (!retained || _ledger.Settled)
        {
            return;
        }

        LoadOrWarn(topic, payload, owned: true);
        Settle();
    }

    /// <summary>
    /// Ends the wait for the earlier run's index: configs of nodes no longer configured are cleared,
    /// the bridge and every device that reported are reconciled and announced, and the index is
    /// written. Later calls do nothing.
    /// </summary>
    public void Settle()
    {
        if (_ledger.Settled)
        {
            return;
        }

        foreach (var topic in _ledger.Settle(IsKnownNode))
        {
            _log.Information("clearing discovery {Topic}: its device is no longer configured", topic);
            Send(topic, string.Empty, retain: true);
        }

        AnnounceBridge();
        foreach (var entry in _devices.All.Where(e => e.Fields.Count > 0))
        {
            Announce(entry);
        }

        PublishIndex();
        if (_legacyIndexSeen)
        {
            // Read once into this instance's own index; left retained, the next run would read it again.
            Send(_topics.LegacyDiscoveryIndex, string.Empty, retain: true);
        }
    }

    /// <summary>
    /// The broker would not take <paramref name="topic"/>. A device config that is too big moves the
    /// device to per-entity discovery (one small message per entity), in Home Assistant's rollback
    /// order; any other topic is only logged where it was refused.
    /// </summary>
    public void Rejected(string topic)
    {
        if (_ids.NodeOf(topic) is not { } node || topic != _ids.DeviceConfigTopic(node) || _configs.IsPerEntity(node) || !_ledger.Disown(topic))
        {
            return;
        }

        _configs.MoveToEntities(node);

        var entry = _devices.ByNode(node);
        _log.Warning(
            "{Device:l}: its device discovery is too big for the broker; announcing its entities one by one instead (as mqtt.discovery: entity does for every device)",
            entry?.Name ?? node);
        if (node == _ids.BridgeNode)
        {
            Present(node, _configs.Bridge);
        }
        else if (entry is { Announced: true })
        {
            Present(node, removed => _configs.Device(entry, removed));
        }

        PublishIndex();
    }

    private void AnnounceBridge()
    {
        if (_bridgeAnnounced)
        {
            Publish(_configs.Bridge(null));
        }
        else
        {
            _bridgeAnnounced = true;
            Present(_ids.BridgeNode, _configs.Bridge);
        }
    }

    /// <summary>
    /// A node's first announcement of the run, after what an earlier run left for it: first
    /// <c>migrate_discovery</c> on every old topic whose entities move, and empty payloads on those
    /// no longer produced; then the configs (a device config listing removed components as stubs,
    /// when there are some); <see cref="HomeAssistantOptions.CleanupStepDelay"/> later, so the two
    /// cannot merge, the migrated topics are cleared and the config without stubs follows.
    /// </summary>
    private void Present(string node, Func<IReadOnlyCollection<string>?, IReadOnlyList<DiscoveryConfig>> build)
    {
        var current = build(null);
        var plan = _ledger.Reconcile(node, current);
        foreach (var topic in plan.Migrate)
        {
            Send(topic, MigratePayload, retain: false);
        }

        foreach (var topic in plan.Clear)
        {
            _log.Information("clearing stale discovery {Topic}", topic);
            Send(topic, string.Empty, retain: true);
        }

        var stubbed = plan.Stubs.Count == 0 ? null : build(plan.Stubs.Values.SelectMany(s => s).ToArray());
        foreach (var config in current)
        {
            var payload = plan.Stubs.ContainsKey(config.Topic) ? stubbed!.First(c => c.Topic == config.Topic).Payload : config.Payload;
            Send(config.Topic, payload, retain: true);
            _ledger.Record(config);
        }

        if (plan.Migrate.Count == 0 && plan.Stubs.Count == 0)
        {
            return;
        }

        _later(_options.CleanupStepDelay, () =>
        {
            foreach (var topic in plan.Migrate)
            {
                Send(topic, string.Empty, retain: true);
            }

            if (plan.Stubs.Count > 0)
            {
                Publish(build(null));
            }
        });
    }

    private void Publish(IEnumerable<DiscoveryConfig> configs)
    {
        foreach (var config in configs)
        {
            Send(config.Topic, config.Payload, retain: true);
            _ledger.Record(config);
        }
    }

    private void LoadOrWarn(string topic, string payload, bool owned)
    {
        if (!_ledger.Load(payload, owned))
        {
            _log.Warning("ignoring {Topic}: not a discovery index", topic);
        }
    }

    private bool IsKnownNode(string node) =>
        node == _ids.BridgeNode
        || _options.Devices.Keys.Any(name => _ids.Node(name) == node)
        || _devices.ByNode(node) is not null;

    private void PublishIndex()
    {
        if (!_keepsIndex)
        {
            return;
        }

        var index = _ledger.IndexPayload();
        if (index != _lastIndex)
        {
            _lastIndex = index;
            Send(_topics.DiscoveryIndex, index, retain: true);
        }
    }

    private void Send(string topic, string payload, bool retain) => _sink.Publish(new OutboundMessage(topic, payload, retain));
}
