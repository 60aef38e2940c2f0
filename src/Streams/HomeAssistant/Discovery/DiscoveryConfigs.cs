namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// The discovery configs of the bridge and of each device, in the configured layout, or per entity
/// for a node moved there because its device config is too big for the broker. Not thread-safe.
/// </summary>
internal sealed class DiscoveryConfigs(HomeAssistantOptions options, DiscoveryIds ids, BridgeTopics topics)
{
    private readonly DiscoveryPayloads _payloads = new(ids, options);
    private readonly HashSet<string> _perEntity = new(StringComparer.Ordinal);

    public bool IsPerEntity(string node) => _perEntity.Contains(node);

    /// <summary>From now on <paramref name="node"/> is announced one entity per config.</summary>
    public void MoveToEntities(string node) => _perEntity.Add(node);

    /// <param name="removed">Device-based only: components of an earlier config to write as stubs.</param>
    public IReadOnlyList<DiscoveryConfig> Bridge(IReadOnlyCollection<string>? removed) =>
        _payloads.Build(LayoutOf(ids.BridgeNode), BridgeDiscovery.Device(ids, options), null, [], [BridgeDiscovery.Connectivity(ids, topics)], removed);

    /// <param name="removed">Device-based only: components of an earlier config to write as stubs.</param>
    public IReadOnlyList<DiscoveryConfig> Device(DeviceEntry entry, IReadOnlyCollection<string>? removed = null) =>
        _payloads.Build(
            LayoutOf(entry.Node),
            new DiscoveryDevice(entry.Node, entry.Name, entry.Info.Manufacturer, entry.Info.Model, entry.Info.Firmware, entry.Info.Serial, ids.BridgeNode),
            topics.State(entry.Name),
            [topics.BridgeAvailability, topics.Availability(entry.Name)],
            DiscoveryComponents.ForFields(entry.Fields, entry.Name, entry.Node, options.SettingsOf(entry.Name), topics),
            removed);

    private DiscoveryLayout LayoutOf(string node) => _perEntity.Contains(node) ? DiscoveryLayout.Entity : options.Layout;
}
