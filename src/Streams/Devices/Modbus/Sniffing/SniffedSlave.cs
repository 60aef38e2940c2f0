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
/// reference, before any key is hashed (a slot never moves, so that shortcut cannot go stale).
/// The decoded block's values stay in the block's own list, which the slave keeps (see
/// <see cref="Decoded"/>): a slot says only whether it is the block's (stamped with the block's
/// number) or holds a raw value, so the same block shape read again costs no per-field work, and a
/// block of another shape flips only stamps. When the slave knows nothing but the block, the block's
/// list is the reading (no copy): put in slot order first when a field of it came late (a longer
/// read, an NTC input that starts reading).
/// </remarks>
internal sealed class SniffedSlave(DeviceInfo device)
{
    // A block comes in a few shapes (an NTC input that starts reading, a problem summary, a longer read).
    private const int ShapesKept = 4;

    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    // Per slot: the value of a read not decoded, unless the slot is the block's.
    private readonly List<FieldValue?> _raw = [];
    // Per slot: the number of the block it was last part of; the current block's slots carry _blockNumber.
    private readonly List<long> _stamp = [];
    private readonly List<SniffedBlockShape> _shapes = [];
    private FieldValue[] _scratch = [];
    // From 1: a slot stamped 0 was never a block's (long: no wrapping back onto an old block's number).
    private long _blockNumber = 1;
    private IReadOnlyList<FieldValue>? _block;
    private SniffedBlockShape? _blockShape;
    private bool _blockInSlotOrder;
    private bool _blockReordered;
    private int _inBlock;
    private int _rawKnown;

    public DeviceInfo Device { get; set; } = device;

    /// <summary>True while the fields of a decoded block are held (the device's own protocol applies).</summary>
    public bool HasDecodedBlock => _inBlock > 0;

    /// <summary>A decoded block: its fields replace those of the previous one.</summary>
    /// <param name="fields">
    /// The block's fields, made for this block alone (<see cref="ISniffedRegisterMap.Decode"/>): the
    /// slave keeps the list (its values are the block's), and a <see cref="List{T}"/> it may put in its own order.
    /// </param>
    public void Decoded(IReadOnlyList<FieldValue> fields)
    {
        var shape = ShapeOf(ListSpans.Of(fields));
        // The same shape again with every slot still the block's (no raw read took one): nothing changes but the list.
        if (!ReferenceEquals(shape, _blockShape) || _inBlock != shape.Distinct)
        {
            ForgetDecoded();
            // After ShapeOf, which may have added slots.
            var stamps = CollectionsMarshal.AsSpan(_stamp);
            var raw = CollectionsMarshal.AsSpan(_raw);
            foreach (var slot in shape.Slots)
            {
                if (stamps[slot] == _blockNumber)
                {
                    continue;
                }

                stamps[slot] = _blockNumber;
                _inBlock++;
                if (raw[slot] is not null)
                {
                    // The block's value replaces a raw one, and goes with the block.
                    raw[slot] = null;
                    _rawKnown--;
                }
            }
        }

        _block = fields;
        _blockShape = shape;
        _blockInSlotOrder = shape.Ascending;
        _blockReordered = false;
    }

    /// <summary>
    /// Every field known, in the order each was first seen: the decoded block's own list when the
    /// slave knows nothing else (the usual case, no copy), in that order already or put in it.
    /// </summary>
    public IReadOnlyList<FieldValue> Fields()
    {
        if (_block is { } block && _rawKnown == 0 && _inBlock == block.Count)
        {
            if (_blockInSlotOrder)
            {
                return block;
            }

            if (block is List<FieldValue> own)
            {
                InSlotOrder(CollectionsMarshal.AsSpan(own), _blockShape!);
                return block;
            }
        }

        return CopyOfFields();
    }

    /// <summary>The decoded block's read no longer decodes: its fields are not true any more.</summary>
    public void ForgetDecoded()
    {
        // No slot carries the new number yet: the previous block's are forgotten at once.
        _blockNumber++;
        _inBlock = 0;
        _block = null;
        _blockShape = null;
    }

    /// <summary>Raw fields of a read that is not decoded; a register's raw field no longer belongs to the decoded block.</summary>
    public void Raw(IReadOnlyList<FieldValue> fields)
    {
        foreach (var field in fields)
        {
            var slot = SlotOf(field.Spec);
            if (_stamp[slot] == _blockNumber)
            {
                _stamp[slot] = 0;
                _inBlock--;
            }

            if (_raw[slot] is null)
            {
                _rawKnown++;
            }

            _raw[slot] = field;
        }
    }

    /// <summary>The block's list in slot order, in place: it is the slave's, and not yet handed out in its first order.</summary>
    private void InSlotOrder(Span<FieldValue> fields, SniffedBlockShape shape)
    {
        if (_scratch.Length < fields.Length)
        {
            _scratch = new FieldValue[fields.Length];
        }

        var copy = _scratch.AsSpan(0, fields.Length);
        fields.CopyTo(copy);
        var order = shape.Order;
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = copy[order[i]];
        }

        // The scratch keeps no reading's texts alive.
        copy.Clear();
        _blockInSlotOrder = true;
        _blockReordered = true;
    }

    private FieldValue[] CopyOfFields()
    {
        var fields = new FieldValue[_rawKnown + _inBlock];
        var block = _block is { } list ? ListSpans.Of(list) : default;
        var stamps = CollectionsMarshal.AsSpan(_stamp);
        var raw = CollectionsMarshal.AsSpan(_raw);
        var count = 0;
        for (var slot = 0; slot < raw.Length; slot++)
        {
            if (stamps[slot] == _blockNumber)
            {
                fields[count++] = block[_blockShape!.IndexOf(slot, _blockReordered)];
            }
            else if (raw[slot] is { } field)
            {
                fields[count++] = field;
            }
        }

        return fields;
    }

    /// <summary>The shape of a block's fields: the current block's, then those seen before, by reference, before any key is hashed.</summary>
    private SniffedBlockShape ShapeOf(ReadOnlySpan<FieldValue> fields)
    {
        if (_blockShape is { } current && current.Fits(fields))
        {
            return current;
        }

        for (var s = _shapes.Count - 1; s >= 0; s--)
        {
            var shape = _shapes[s];
            if (shape.Fits(fields))
            {
                // Last used goes last: a rare shape (an NTC input with no value once) pushes out the least used, not a usual one.
                _shapes.RemoveAt(s);
                _shapes.Add(shape);
                return shape;
            }
        }

        var specs = new FieldSpec[fields.Length];
        var slots = new int[fields.Length];
        for (var i = 0; i < specs.Length; i++)
        {
            specs[i] = fields[i].Spec;
            slots[i] = SlotOf(specs[i]);
        }

        if (_shapes.Count == ShapesKept)
        {
            _shapes.RemoveAt(0);
        }

        var made = new SniffedBlockShape(specs, slots);
        _shapes.Add(made);
        return made;
    }

    private int SlotOf(FieldSpec spec)
    {
        if (!_slotOf.TryGetValue(spec.Key, out var slot))
        {
            slot = _raw.Count;
            _slotOf.Add(spec.Key, slot);
            _raw.Add(null);
            _stamp.Add(0);
        }

        return slot;
    }
}
