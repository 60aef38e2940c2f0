using Streams.Core;
using Streams.HomeAssistant.Discovery;

namespace Streams.HomeAssistant;

/// <summary>The devices Home Assistant has heard of, by name, in order of first appearance. Not thread-safe.</summary>
internal sealed class DeviceRegistry(DiscoveryIds ids)
{
    private readonly Dictionary<string, DeviceEntry> _devices = new(StringComparer.Ordinal);

    public IReadOnlyCollection<DeviceEntry> All => _devices.Values;

    /// <summary>The entry of <paramref name="device"/>, created on first sight.</summary>
    public DeviceEntry Entry(DeviceInfo device)
    {
        if (!_devices.TryGetValue(device.Name, out var entry))
        {
            entry = new DeviceEntry(device.Name, ids.Node(device.Name), device);
            _devices.Add(device.Name, entry);
        }

        return entry;
    }

    public DeviceEntry? ByNode(string node) => _devices.Values.FirstOrDefault(e => e.Node == node);
}
