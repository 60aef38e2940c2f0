namespace Streams.HomeAssistant.Discovery;

/// <summary>The <c>dev</c> block of a device: what Home Assistant shows on its device page.</summary>
/// <param name="Node">The single entry of <c>identifiers</c>.</param>
/// <param name="ViaDevice">The bridge's identifier for packs; null for the bridge itself (never its own id).</param>
internal sealed record DiscoveryDevice(
    string Node,
    string Name,
    string? Manufacturer,
    string? Model,
    string? Firmware,
    string? Serial,
    string? ViaDevice);
