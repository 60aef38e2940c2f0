using Serilog;
using Streams.Sinks;

namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// Publishes the retained discovery configs of the bridge and of each device (either layout), and
/// keeps the <see cref="DiscoveryLedger"/> of what was published, so that what an earlier run left is
/// cleared, migrated or stubbed out (docs/home-assistant.md §1.2, §5, §10) and the retained index stays
/// true. Not thread-safe: the publisher calls it one piece of work at a time, and runs the second step
/// of a removal the same way through <c>later</c>.
/// </summary>
internal sealed class DiscoveryAnnouncer
{
    private readonly HomeAssistantOptions _options;
    private readonly DiscoveryIds _ids;
    private readonly BridgeTopics _topics;
    private readonly DeviceRegistry _devices;
    private readonly IMessageSink _sink;
    private readonly ILogger _log;
    private readonly Action<TimeSpan, Action> _later;
    private readonly DiscoveryPayloads _payloads;
    private readonly DiscoveryLedger _ledger;
    private string? _lastIndex;

    /// <param name="later">Runs an action after a delay (the second step of a removal), one piece of work at a time with the rest.</param>
    public DiscoveryAnnouncer(HomeAssistantOptions options, DiscoveryIds ids, BridgeTopics topics, DeviceRegistry devices, IMessageSink sink, ILogger log, Action<TimeSpan, Action> later)
    {
        _options = options;
        _ids = ids;
        _topics = topics;
        _devices = devices;
        _sink = sink;
        _log = log;
        _later = later;
        _payloads = new DiscoveryPayloads(ids, options);
        _ledger = new DiscoveryLedger(ids);
    }

    /// <summary>The bridge and every device that has reported fields.</summary>
    public void AnnounceAll()
    {
        AnnounceBridge();
        foreach (var entry in _devices.All.Where(e => e.Fields.Count > 0))
        {
            Announce(entry);
        }
    }

    /// <summary>
    /// <paramref name="entry"/>'s configs; once the ledger is settled, a first announcement also
    /// reconciles what an earlier run left for the device, and the index follows.
    /// </summary>
    public void Announce(DeviceEntry entry)
    {
        Publish(DeviceConfigs(entry));
        var first = !entry.Announced;
        entry.Announced = true;
        if (_ledger.Settled)
        {
            if (first)
            {
                Reconcile(entry.Node, () => DeviceConfigs(entry), () => Announce(entry));
            }

            PublishIndex();
        }
    }

    /// <summary>A retained index from an earlier run, before <see cref="Settle"/>; a live one (our own echo) is ignored.</summary>
    public void LoadIndex(string topic, string payload, bool retained)
    {
        if (_ledger.Settled || !retained)
        {
            return;
        }

        if (!_ledger.Load(payload))
        {
            _log.Warning("ignoring {Topic}: not a discovery index", topic);
        }
    }

    /// <summary>
    /// Ends the wait for the earlier run's index: configs of nodes no longer configured are cleared,
    /// the bridge's and those of devices already announced are reconciled, and the index is written.
    /// </summary>
    public void Settle()
    {
        foreach (var topic in _ledger.Settle(IsKnownNode))
        {
            _log.Information("clearing discovery {Topic}: its device is no longer configured", topic);
            Send(topic, string.Empty, retain: true);
        }

        Reconcile(_ids.BridgeNode, BridgeConfigs, AnnounceBridge);
        foreach (var entry in _devices.All.Where(e => e.Announced))
        {
            Reconcile(entry.Node, () => DeviceConfigs(entry), () => Announce(entry));
        }

        PublishIndex();
    }

    private void AnnounceBridge() => Publish(BridgeConfigs());

    private void Publish(IEnumerable<DiscoveryConfig> configs)
    {
        foreach (var config in configs)
        {
            Send(config.Topic, config.Payload, retain: true);
            _ledger.Record(config);
        }
    }

    private bool IsKnownNode(string node) =>
        node == _ids.BridgeNode
        || _options.Devices.Keys.Any(name => _ids.Node(name) == node)
        || _devices.ByNode(node) is not null;

    private IReadOnlyList<DiscoveryConfig> BridgeConfigs() =>
        _payloads.Build(_options.Layout, BridgeDiscovery.Device(_ids, _options), null, [], [BridgeDiscovery.Connectivity(_ids, _topics)]);

    private IReadOnlyList<DiscoveryConfig> DeviceConfigs(DeviceEntry entry, IReadOnlyCollection<string>? removed = null) =>
        _payloads.Build(
            _options.Layout,
            new DiscoveryDevice(entry.Node, entry.Name, entry.Info.Manufacturer, entry.Info.Model, entry.Info.Firmware, entry.Info.Serial, _ids.BridgeNode),
            _topics.State(entry.Name),
            [_topics.BridgeAvailability, _topics.Availability(entry.Name)],
            DiscoveryComponents.ForFields(entry.Fields, entry.Name, entry.Node, _options.SettingsOf(entry.Name), _topics),
            removed);

    /// <summary>Applies what an earlier run left for <paramref name="node"/>; the second step runs later so the two cannot merge.</summary>
    private void Reconcile(string node, Func<IReadOnlyList<DiscoveryConfig>> current, Action announce)
    {
        var plan = _ledger.Reconcile(node, current());
        if (plan.IsEmpty)
        {
            return;
        }

        foreach (var topic in plan.Migrate)
        {
            Send(topic, """{"migrate_discovery":true}""", retain: false);
        }

        foreach (var topic in plan.Clear)
        {
            _log.Information("clearing stale discovery {Topic}", topic);
            Send(topic, string.Empty, retain: true);
        }

        foreach (var (topic, removed) in plan.Stubs)
        {
            if (_devices.ByNode(node) is { } entry && DeviceConfigs(entry, removed).FirstOrDefault(c => c.Topic == topic) is { } withStubs)
            {
                Send(withStubs.Topic, withStubs.Payload, retain: true);
            }
        }

        if (plan.Migrate.Count > 0)
        {
            announce();
        }

        _later(_options.CleanupStepDelay, () =>
        {
            foreach (var topic in plan.Migrate)
            {
                Send(topic, string.Empty, retain: true);
            }

            announce();
        });
    }

    private void PublishIndex()
    {
        var index = _ledger.IndexPayload();
        if (index != _lastIndex)
        {
            _lastIndex = index;
            Send(_topics.DiscoveryIndex, index, retain: true);
        }
    }

    private void Send(string topic, string payload, bool retain) => _sink.Publish(new OutboundMessage(topic, payload, retain));
}
