using Streams.Core;

namespace Streams.HomeAssistant;

/// <summary>What Home Assistant has been told about one device: identity, announced fields, latest state and availability.</summary>
internal sealed class DeviceEntry(string name, string node, DeviceInfo info)
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private FieldSpec[] _lastSpecs = [];

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
        if (SameSpecsAsLastTime(reading.Fields))
        {
            return changed;
        }

        var specs = new FieldSpec[reading.Fields.Count];
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = reading.Fields[i].Spec;
            specs[i] = spec;
            if (_keys.Add(spec.Key))
            {
                Fields.Add(spec);
                changed = true;
            }
        }

        _lastSpecs = specs;
        return changed;
    }

    /// <summary>
    /// The same field specs, by reference and in order, as the last reading merged: every key of it
    /// is known already, without hashing ~120 of them per reading (keys are only ever added).
    /// </summary>
    private bool SameSpecsAsLastTime(IReadOnlyList<FieldValue> fields)
    {
        if (fields.Count != _lastSpecs.Length)
        {
            return false;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (!ReferenceEquals(fields[i].Spec, _lastSpecs[i]))
            {
                return false;
            }
        }

        return true;
    }
}
