using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// One shape of a sniffed slave's decoded block: its field specs in order and the slave's slot of
/// each, with the maps a reading needs to find a slot's value in the block's list, as the decoder
/// made it or once put in slot order (<see cref="SniffedSlave"/>). Made once per shape, not per reading.
/// </summary>
internal sealed class SniffedBlockShape
{
    private readonly FieldSpec[] _specs;
    private int[]? _indexOf;
    private int[]? _order;
    private int[]? _rankOf;

    /// <param name="specs">The block's specs, in the block's order.</param>
    /// <param name="slots">The slot of each.</param>
    public SniffedBlockShape(FieldSpec[] specs, int[] slots)
    {
        _specs = specs;
        Slots = slots;
        var ascending = true;
        var highest = -1;
        for (var i = 0; i < slots.Length; i++)
        {
            ascending &= slots[i] > highest;
            highest = Math.Max(highest, slots[i]);
        }

        Ascending = ascending;
        SlotCount = highest + 1;
        Distinct = ascending ? slots.Length : slots.Distinct().Count();
    }

    /// <summary>The slot of each field, in the block's order.</summary>
    public int[] Slots { get; }

    /// <summary>How many slots the block fills (fewer than its fields when a key comes twice).</summary>
    public int Distinct { get; }

    /// <summary>True when the slots ascend as the fields do: the block's list is in the slave's order as it is.</summary>
    public bool Ascending { get; }

    /// <summary>The block's field indexes by ascending slot: the list in slot order is field <c>Order[0]</c>, <c>Order[1]</c>, ….</summary>
    /// <remarks>Made on first use, as the maps below: most shapes never need them (a shape is made again when it went out of the slave's few).</remarks>
    public int[] Order => _order ??= MakeOrder();

    private int SlotCount { get; }

    /// <summary>True when <paramref name="fields"/> carry this shape's specs, the same instances in the same order.</summary>
    public bool Fits(ReadOnlySpan<FieldValue> fields) => FieldShape.Same(_specs, fields);

    /// <summary>Where the value of <paramref name="slot"/> (one of <see cref="Slots"/>) is in the block's list: as decoded, or once put in slot order.</summary>
    public int IndexOf(int slot, bool inSlotOrder) => inSlotOrder ? (_rankOf ??= MakeRanks())[slot] : (_indexOf ??= MakeIndexes())[slot];

    private int[] MakeOrder()
    {
        var order = new int[Slots.Length];
        var keys = (int[])Slots.Clone();
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Keys are distinct here: a block with a key twice is copied, never put in order.
        Array.Sort(keys, order);
        return order;
    }

    private int[] MakeIndexes()
    {
        var indexOf = new int[SlotCount];
        for (var i = 0; i < Slots.Length; i++)
        {
            // A key twice: the later field is the value, as it would overwrite the earlier.
            indexOf[Slots[i]] = i;
        }

        return indexOf;
    }

    private int[] MakeRanks()
    {
        var rankOf = new int[SlotCount];
        var order = Order;
        for (var rank = 0; rank < order.Length; rank++)
        {
            rankOf[Slots[order[rank]]] = rank;
        }

        return rankOf;
    }
}
