using Streams.Core;

namespace Streams.HomeAssistant;

/// <summary>What Home Assistant has been told about one device: identity, announced fields, latest state and availability.</summary>
internal sealed class DeviceEntry(string name, string node, DeviceInfo info)
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Its identifier in discovery (<see cref="Discovery.DiscoveryIds.Node"/>).</summary>
    public string Node { get; } = node;

    public DeviceInfo Info { get; private set; } = info;

    /// <summary>Every field seen so far, in order of first appearance: what discovery announces.</summary>
    public List<FieldSpec> Fields { get; } = [];

    public bool Announced { get; set; }

    public bool? Online { get; set; }

    /// <summary>The latest JSON state published, for every (re)connect and birth.</summary>
    public string? State { get; set; }

    /// <summary>True when the identity changed or a field appeared: discovery must be published again.</summary>
    public bool Merge(Reading reading)
    {
        var device = reading.Device;
        var changed = device.Manufacturer != Info.Manufacturer || device.Model != Info.Model
            || device.Firmware != Info.Firmware || device.Serial != Info.Serial;
        Info = device;
        foreach (var field in reading.Fields)
        {
            if (_keys.Add(field.Spec.Key))
            {
                Fields.Add(field.Spec);
                changed = true;
            }
        }

        return changed;
    }
}
