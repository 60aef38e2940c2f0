using System.Buffers;
using Streams.Core;

namespace Streams.HomeAssistant;

/// <summary>What Home Assistant has been told about one device: identity, announced fields, latest state and availability.</summary>
internal sealed class DeviceEntry(string name, string node, DeviceInfo info)
{
    // A pack's readings come in a few shapes (blocks read in turn, a sensor coming and going).
    private const int ShapesKept = 8;

    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<FieldSpec[]> _shapes = [];

    public string Name { get; } = name;

    /// <summary>Its identifier in discovery (<see cref="Discovery.DiscoveryIds.Node"/>).</summary>
    public string Node { get; } = node;

    public DeviceInfo Info { get; private set; } = info;

    /// <summary>Every field seen so far, in order of first appearance: what discovery announces.</summary>
    public List<FieldSpec> Fields { get; } = [];

    public bool Announced { get; set; }

    public bool? Online { get; set; }

    /// <summary>Where its state goes, once made (a state per reading).</summary>
    public string? StateTopic { get; set; }

    /// <summary>
    /// The latest JSON state published (UTF-8), for every (re)connect and birth; empty before the
    /// first. Written over for each reading: what a sink may keep is a copy (<see cref="StatePublisher"/>).
    /// </summary>
    public ArrayBufferWriter<byte> State { get; } = new();

    /// <summary>True when the identity changed or a field appeared: discovery must be published again.</summary>
    public bool Merge(Reading reading)
    {
        var device = reading.Device;
        var changed = device.Manufacturer != Info.Manufacturer || device.Model != Info.Model
            || device.Firmware != Info.Firmware || device.Serial != Info.Serial;
        Info = device;
        if (KnownShape(reading.Fields))
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

        if (_shapes.Count == ShapesKept)
        {
            _shapes.RemoveAt(0);
        }

        _shapes.Add(specs);
        return changed;
    }

    /// <summary>
    /// The same field specs, by reference and in order, as one of the last readings merged: every key
    /// of it is known already, without hashing ~120 of them per reading (keys are only ever added).
    /// </summary>
    private bool KnownShape(IReadOnlyList<FieldValue> fields)
    {
        var span = ListSpans.Of(fields);
        for (var s = _shapes.Count - 1; s >= 0; s--)
        {
            var shape = _shapes[s];
            if (FieldShape.Same(shape, span))
            {
                return true;
            }
        }

        return false;
    }
}
