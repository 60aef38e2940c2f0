namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// The bridge's own device, so that every pack's <c>via_device</c> resolves (an unresolved one makes
/// Home Assistant invent an "Unnamed device"). Its one entity shows the broker connection from the
/// retained availability/will topic; it deliberately has no availability itself, so it reads
/// "disconnected" rather than "unavailable".
/// </summary>
internal static class BridgeDiscovery
{
    public const string ConnectivityKey = "connectivity";

    public static DiscoveryDevice Device(DiscoveryIds ids, HomeAssistantOptions options) =>
        new(ids.BridgeNode, "Streams bridge", "Streams", "BMS to MQTT bridge", options.OriginVersion, null, ViaDevice: null);

    public static DiscoveryComponent Connectivity(DiscoveryIds ids, BridgeTopics topics) =>
        new("binary_sensor", ConnectivityKey,
        [
            new("name", "Broker connection"),
            new("uniq_id", ids.UniqueId(ids.BridgeNode, ConnectivityKey)),
            new("default_entity_id", DiscoveryIds.DefaultEntityId("binary_sensor", ids.BridgeNode, ConnectivityKey)),
            new("stat_t", topics.BridgeAvailability),
            new("pl_on", "online"),
            new("pl_off", "offline"),
            new("dev_cla", "connectivity"),
            new("ent_cat", "diagnostic"),
        ]);
}
