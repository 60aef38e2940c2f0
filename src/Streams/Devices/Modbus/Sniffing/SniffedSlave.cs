using System.Runtime.InteropServices;
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
/// field specs in the same order, so the slots of the last few block shapes are tried first, by
/// reference, before any key is hashed (a slot never moves, so that shortcut cannot go stale), and
/// when the slave knows nothing but the block, the block's own list is the reading (no copy): put in
/// the slots' order first when a field of it came late (a longer read, an NTC input that starts
/// reading), since the block's list is the slave's (see <see cref="Decoded"/>).
/// </remarks>
internal sealed class SniffedSlave(DeviceInfo device)
{
    // A block comes in a few shapes (an NTC input that starts reading, a problem summary, a longer read).
    private const int ShapesKept = 4;

    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly List<FieldValue?> _latest = [];
    private readonly List<bool> _inDecodedBlock = [];
    private readonly List<int> _decodedSlots = [];
    private readonly List<Shape> _shapes = [];
    private (IReadOnlyList<FieldValue>? Fields, bool InOrder) _lastBlock;
    private int _known;
    private int _decoded;

    public DeviceInfo Device { get; set; } = device;

    /// <summary>True while the fields of a decoded block are held (the device's own protocol applies).</summary>
    public bool HasDecodedBlock => _decoded > 0;

    /// <summary>A decoded block: its fields replace those of the previous one.</summary>
    /// <param name="fields">
    /// The block's fields, made for this block alone (<see cref="ISniffedRegisterMap.Decode"/>): the
    /// slave keeps the list as its reading, and a <see cref="List{T}"/> it may put in its own order.
    /// </param>
    public void Decoded(IReadOnlyList<FieldValue> fields)
    {
        ForgetDecoded();
        var span = ListSpans.Of(fields);
        var shape = ShapeOf(span);
        var slots = shape.Slots;
        // After ShapeOf, which may have added slots.
        var latest = CollectionsMarshal.AsSpan(_latest);
        var inBlock = CollectionsMarshal.AsSpan(_inDecodedBlock);
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            if (latest[slot] is null)
            {
                _known++;
            }

            latest[slot] = span[i];
            if (!inBlock[slot])
            {
                inBlock[slot] = true;
                _decodedSlots.Add(slot);
                _decoded++;
            }
        }

        _lastBlock = (fields, shape.Ascending);
    }

    /// <summary>
    /// Every field known, in the order each was first seen: the decoded block's own list when the
    /// slave knows nothing else (the usual case, no copy), in that order already or put in it.
    /// </summary>
    public IReadOnlyList<FieldValue> Fields()
    {
        if (_lastBlock is ({ } block, var inOrder) && _known == block.Count && _decoded == block.Count)
        {
            if (inOrder)
            {
                return block;
            }

            if (block is List<FieldValue> own)
            {
                // The known fields are the block's, in slot order: they go back into its list in that order.
                InSlotOrder(CollectionsMarshal.AsSpan(own));
                _lastBlock = (block, true);
                return block;
            }
        }

        return CopyOfFields();
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
        _lastBlock = (null, false);
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

        _lastBlock = (null, false);
    }

    private FieldValue[] CopyOfFields()
    {
        var fields = new FieldValue[_known];
        InSlotOrder(fields);
        return fields;
    }

    /// <summary>Every known field into <paramref name="fields"/> (<see cref="_known"/> long), in slot order.</summary>
    private void InSlotOrder(Span<FieldValue> fields)
    {
        var count = 0;
        foreach (var value in CollectionsMarshal.AsSpan(_latest))
        {
            if (value is { } field)
            {
                fields[count++] = field;
            }
        }
    }

    /// <summary>The slots of a block's fields, tried by reference against the shapes seen before hashing any key.</summary>
    private Shape ShapeOf(ReadOnlySpan<FieldValue> fields)
    {
        for (var s = _shapes.Count - 1; s >= 0; s--)
        {
            if (_shapes[s].Fits(fields))
            {
                return _shapes[s];
            }
        }

        var specs = new FieldSpec[fields.Length];
        var slots = new int[fields.Length];
        var ascending = true;
        for (var i = 0; i < specs.Length; i++)
        {
            specs[i] = fields[i].Spec;
            slots[i] = SlotOf(specs[i]);
            ascending &= i == 0 || slots[i] > slots[i - 1];
        }

        if (_shapes.Count == ShapesKept)
        {
            _shapes.RemoveAt(0);
        }

        var shape = new Shape(specs, slots, ascending);
        _shapes.Add(shape);
        return shape;
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

    /// <summary>A block's field specs in order, the slot of each, and whether the slots ascend as the fields do.</summary>
    private sealed record Shape(FieldSpec[] Specs, int[] Slots, bool Ascending)
    {
        public bool Fits(ReadOnlySpan<FieldValue> fields) => FieldShape.Same(Specs, fields);
    }
}
