namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// One entity of a device: its platform (<c>sensor</c>, <c>binary_sensor</c>, <c>switch</c>), its key
/// (component id in device-based discovery, object id in per-entity discovery) and its own options,
/// in abbreviated form and in the order written. Device, origin, availability and state topic are
/// added by <see cref="DiscoveryPayloads"/> where the discovery layout wants them.
/// </summary>
internal sealed record DiscoveryComponent(string Platform, string Key, IReadOnlyList<KeyValuePair<string, object>> Options)
{
    /// <summary>The option <paramref name="name"/>, or null.</summary>
    public object? Option(string name) => Options.FirstOrDefault(o => o.Key == name).Value;
}
