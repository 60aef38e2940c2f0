using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// What the reads of one sniffed slave have said so far: its device, and the latest value of every
/// field, each read updating the fields it carries. The fields of the decoded block come as a whole:
/// a later reading of that block replaces them all (a field it no longer has is gone), and a read of
/// that block that fails to decode removes them. Raw registers of other reads stay until read again.
/// </summary>
/// <remarks>
/// Every key gets a slot the first time it is seen, for good, in that order (the order of
/// <see cref="Fields"/>). A replay decodes the same block ~100 000 times a second with the same
/// field specs in the same order, so the slots of the previous block are tried first, by reference,
/// before the key is hashed; a slot never moves, so that shortcut cannot go stale.
/// </remarks>
internal sealed class SniffedSlave(DeviceInfo device)
{
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly List<FieldValue?> _latest = [];
    private readonly List<bool> _inDecodedBlock = [];
    private readonly List<int> _decodedSlots = [];
    private FieldSpec[] _lastBlockSpecs = [];
    private int[] _lastBlockSlots = [];
    private int _known;
    private int _decoded;

    public DeviceInfo Device { get; set; } = device;

    /// <summary>True while the fields of a decoded block are held (the device's own protocol applies).</summary>
    public bool HasDecodedBlock => _decoded > 0;

    /// <summary>A decoded block: its fields replace those of the previous one.</summary>
    public void Decoded(IReadOnlyList<FieldValue> fields)
    {
        ForgetDecoded();
        var sameSpecs = fields.Count == _lastBlockSpecs.Length;
        var slots = sameSpecs ? _lastBlockSlots : new int[fields.Count];
        var specs = sameSpecs ? _lastBlockSpecs : new FieldSpec[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (!sameSpecs || !ReferenceEquals(specs[i], field.Spec))
            {
                slots[i] = SlotOf(field.Spec);
                specs[i] = field.Spec;
            }

            var slot = slots[i];
            Set(slot, field);
            if (!_inDecodedBlock[slot])
            {
                _inDecodedBlock[slot] = true;
                _decodedSlots.Add(slot);
                _decoded++;
            }
        }

        _lastBlockSpecs = specs;
        _lastBlockSlots = slots;
    }

    /// <summary>The decoded block's read no longer decodes: its fields are not true any more.</summary>
    public void ForgetDecoded()
    {
        foreach (var slot in _decodedSlots)
        {
            if (_inDecodedBlock[slot])
            {
                _inDecodedBlock[slot] = false;
                _latest[slot] = null;
                _known--;
            }
        }

        _decodedSlots.Clear();
        _decoded = 0;
    }

    /// <summary>Raw fields of a read that is not decoded; a register's raw field no longer belongs to the decoded block.</summary>
    public void Raw(IReadOnlyList<FieldValue> fields)
    {
        foreach (var field in fields)
        {
            var slot = SlotOf(field.Spec);
            Set(slot, field);
            if (_inDecodedBlock[slot])
            {
                _inDecodedBlock[slot] = false;
                _decoded--;
            }
        }
    }

    /// <summary>Every field known, in the order each was first seen.</summary>
    /// <remarks>Once per reading: one array of the exact size.</remarks>
    public IReadOnlyList<FieldValue> Fields()
    {
        var fields = new FieldValue[_known];
        var count = 0;
        foreach (var value in _latest)
        {
            if (value is { } field)
            {
                fields[count++] = field;
            }
        }

        return fields;
    }

    private int SlotOf(FieldSpec spec)
    {
        if (!_slotOf.TryGetValue(spec.Key, out var slot))
        {
            slot = _latest.Count;
            _slotOf.Add(spec.Key, slot);
            _latest.Add(null);
            _inDecodedBlock.Add(false);
        }

        return slot;
    }

    private void Set(int slot, FieldValue field)
    {
        if (_latest[slot] is null)
        {
            _known++;
        }

        _latest[slot] = field;
    }
}
