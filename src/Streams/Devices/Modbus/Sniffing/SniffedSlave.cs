using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// What the reads of one sniffed slave have said so far: its device, and the latest value of every
/// field, each read updating the fields it carries. The fields of the decoded block come as a whole:
/// a later reading of that block replaces them all (a field it no longer has is gone), and a read of
/// that block that fails to decode removes them. Raw registers of other reads stay until read again.
/// </summary>
internal sealed class SniffedSlave(DeviceInfo device)
{
    private readonly Dictionary<string, FieldValue> _latest = new(StringComparer.Ordinal);
    private readonly List<FieldSpec> _order = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _decoded = new(StringComparer.Ordinal);

    public DeviceInfo Device { get; set; } = device;

    /// <summary>True while the fields of a decoded block are held (the device's own protocol applies).</summary>
    public bool HasDecodedBlock => _decoded.Count > 0;

    /// <summary>A decoded block: its fields replace those of the previous one.</summary>
    public void Decoded(IReadOnlyList<FieldValue> fields)
    {
        ForgetDecoded();
        foreach (var field in fields)
        {
            Set(field);
            _decoded.Add(field.Spec.Key);
        }
    }

    /// <summary>The decoded block's read no longer decodes: its fields are not true any more.</summary>
    public void ForgetDecoded()
    {
        foreach (var key in _decoded)
        {
            _latest.Remove(key);
        }

        _decoded.Clear();
    }

    /// <summary>Raw fields of a read that is not decoded; a register's raw field no longer belongs to the decoded block.</summary>
    public void Raw(IReadOnlyList<FieldValue> fields)
    {
        foreach (var field in fields)
        {
            Set(field);
            _decoded.Remove(field.Spec.Key);
        }
    }

    /// <summary>Every field known, in the order each was first seen.</summary>
    public IReadOnlyList<FieldValue> Fields() =>
        [.. _order.Where(spec => _latest.ContainsKey(spec.Key)).Select(spec => _latest[spec.Key])];

    private void Set(FieldValue field)
    {
        if (_seen.Add(field.Spec.Key))
        {
            _order.Add(field.Spec);
        }

        _latest[field.Spec.Key] = field;
    }
}
