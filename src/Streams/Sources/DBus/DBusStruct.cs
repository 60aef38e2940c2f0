using System.Collections.Immutable;

namespace Streams.Sources.DBus;

/// <summary>A D-Bus STRUCT: one or more fields of any types.</summary>
public sealed record DBusStruct : DBusValue
{
    public DBusStruct(IEnumerable<DBusValue> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = [.. fields];
        if (Fields.IsEmpty)
        {
            throw new ArgumentException("A D-Bus struct needs at least one field.", nameof(fields));
        }

        Type = DBusType.StructOf([.. Fields.Select(f => f.Type)]);
    }

    public DBusStruct(params DBusValue[] fields)
        : this((IEnumerable<DBusValue>)fields)
    {
    }

    public ImmutableArray<DBusValue> Fields { get; }

    public override DBusType Type { get; }

    public bool Equals(DBusStruct? other) => other is not null && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Type, Fields.Length);
}
