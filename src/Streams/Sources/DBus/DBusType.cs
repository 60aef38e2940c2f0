using System.Collections.Immutable;

namespace Streams.Sources.DBus;

/// <summary>
/// One complete D-Bus type (a parsed single-type signature such as <c>a{sv}</c>). Two types are
/// equal when their signatures are equal. Build them with the static members or
/// <see cref="DBusSignature.Parse"/>.
/// </summary>
public sealed class DBusType : IEquatable<DBusType>
{
    private DBusType(DBusTypeCode code, DBusType? element, ImmutableArray<DBusType> fields, string signature)
    {
        Code = code;
        Element = element;
        Fields = fields;
        Signature = signature;
    }

    public static DBusType Byte { get; } = Basic(DBusTypeCode.Byte);
    public static DBusType Boolean { get; } = Basic(DBusTypeCode.Boolean);
    public static DBusType Int16 { get; } = Basic(DBusTypeCode.Int16);
    public static DBusType UInt16 { get; } = Basic(DBusTypeCode.UInt16);
    public static DBusType Int32 { get; } = Basic(DBusTypeCode.Int32);
    public static DBusType UInt32 { get; } = Basic(DBusTypeCode.UInt32);
    public static DBusType Int64 { get; } = Basic(DBusTypeCode.Int64);
    public static DBusType UInt64 { get; } = Basic(DBusTypeCode.UInt64);
    public static DBusType Double { get; } = Basic(DBusTypeCode.Double);
    public static DBusType String { get; } = Basic(DBusTypeCode.String);
    public static DBusType ObjectPath { get; } = Basic(DBusTypeCode.ObjectPath);
    public static DBusType SignatureType { get; } = Basic(DBusTypeCode.Signature);
    public static DBusType UnixFd { get; } = Basic(DBusTypeCode.UnixFd);
    public static DBusType Variant { get; } = Basic(DBusTypeCode.Variant);

    public DBusTypeCode Code { get; }

    /// <summary>The element type of an array; null otherwise.</summary>
    public DBusType? Element { get; }

    /// <summary>The field types of a struct, or key and value of a dict entry; empty otherwise.</summary>
    public ImmutableArray<DBusType> Fields { get; }

    /// <summary>The type's signature text, e.g. <c>a{oa{sa{sv}}}</c>.</summary>
    public string Signature { get; }

    /// <summary>True for the fixed and string-like types (everything but a, (, {, v).</summary>
    public bool IsBasic => Code is not (DBusTypeCode.Array or DBusTypeCode.Struct or DBusTypeCode.DictEntry or DBusTypeCode.Variant);

    /// <summary>True for an array of dict entries (<c>a{..}</c>).</summary>
    public bool IsDictionary => Element is { Code: DBusTypeCode.DictEntry };

    /// <summary>The boundary the value's first byte is aligned to on the wire.</summary>
    public int Alignment => AlignmentOf(Code);

    public static DBusType ArrayOf(DBusType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new DBusType(DBusTypeCode.Array, element, [], "a" + element.Signature);
    }

    public static DBusType StructOf(params DBusType[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length == 0)
        {
            throw new ArgumentException("A D-Bus struct needs at least one field.", nameof(fields));
        }

        return new DBusType(DBusTypeCode.Struct, null, [.. fields], "(" + string.Concat(fields.Select(f => f.Signature)) + ")");
    }

    /// <summary>The dictionary type <c>a{kv}</c>; the key must be a basic type.</summary>
    public static DBusType DictionaryOf(DBusType key, DBusType value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!key.IsBasic)
        {
            throw new ArgumentException($"A D-Bus dictionary key must be a basic type, not '{key.Signature}'.", nameof(key));
        }

        var entry = new DBusType(DBusTypeCode.DictEntry, null, [key, value], "{" + key.Signature + value.Signature + "}");
        return ArrayOf(entry);
    }

    internal static DBusType DictEntryOf(DBusType key, DBusType value) => DictionaryOf(key, value).Element!;

    internal static int AlignmentOf(DBusTypeCode code) => code switch
    {
        DBusTypeCode.Byte or DBusTypeCode.Signature or DBusTypeCode.Variant => 1,
        DBusTypeCode.Int16 or DBusTypeCode.UInt16 => 2,
        DBusTypeCode.Int64 or DBusTypeCode.UInt64 or DBusTypeCode.Double or DBusTypeCode.Struct or DBusTypeCode.DictEntry => 8,
        _ => 4,
    };

    public bool Equals(DBusType? other) => other is not null && Signature == other.Signature;

    public override bool Equals(object? obj) => Equals(obj as DBusType);

    public override int GetHashCode() => Signature.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Signature;

    private static DBusType Basic(DBusTypeCode code) => new(code, null, [], ((char)code).ToString());
}
