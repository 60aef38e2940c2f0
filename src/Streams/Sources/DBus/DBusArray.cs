using System.Collections.Immutable;

namespace Streams.Sources.DBus;

/// <summary>
/// A D-Bus array of any element type except BYTE (that is <see cref="DBusByteArray"/>) and dict
/// entries (that is <see cref="DBusDictionary"/>). Every item must have the element type.
/// </summary>
public sealed record DBusArray : DBusValue
{
    public DBusArray(DBusType elementType, IEnumerable<DBusValue> items)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ArgumentNullException.ThrowIfNull(items);
        if (elementType.Code == DBusTypeCode.Byte)
        {
            throw new ArgumentException("Use DBusByteArray for 'ay'.", nameof(elementType));
        }

        if (elementType.Code == DBusTypeCode.DictEntry)
        {
            throw new ArgumentException("Use DBusDictionary for arrays of dict entries.", nameof(elementType));
        }

        Items = [.. items];
        foreach (var item in Items)
        {
            if (!item.Type.Equals(elementType))
            {
                throw new ArgumentException($"An item of type '{item.Type}' in an array of '{elementType}'.", nameof(items));
            }
        }

        ElementType = elementType;
        Type = DBusType.ArrayOf(elementType);
    }

    public DBusArray(DBusType elementType, params DBusValue[] items)
        : this(elementType, (IEnumerable<DBusValue>)items)
    {
    }

    public DBusType ElementType { get; }

    public ImmutableArray<DBusValue> Items { get; }

    public override DBusType Type { get; }

    /// <summary>An <c>as</c> array.</summary>
    public static DBusArray OfStrings(IEnumerable<string> values) =>
        new(DBusType.String, values.Select(v => (DBusValue)new DBusString(v)));

    /// <summary>An <c>ao</c> array.</summary>
    public static DBusArray OfObjectPaths(IEnumerable<string> values) =>
        new(DBusType.ObjectPath, values.Select(v => (DBusValue)new DBusObjectPath(v)));

    public bool Equals(DBusArray? other) =>
        other is not null && ElementType.Equals(other.ElementType) && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Type, Items.Length);
}
