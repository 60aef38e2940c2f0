namespace Streams.Sources.DBus;

/// <summary>
/// A D-Bus value with its type. Values are immutable and compare structurally. Match on the
/// concrete types (<see cref="DBusString"/>, <see cref="DBusVariant"/>, <see cref="DBusDictionary"/>
/// …) to read them; the factories below build the common shapes.
/// </summary>
public abstract record DBusValue
{
    private protected DBusValue()
    {
    }

    public abstract DBusType Type { get; }

    /// <summary>The value inside any number of variants (the value itself if it is no variant).</summary>
    public DBusValue Unwrap()
    {
        var value = this;
        while (value is DBusVariant variant)
        {
            value = variant.Value;
        }

        return value;
    }

    /// <summary>An <c>a{sv}</c> dictionary; each value is wrapped in a variant.</summary>
    public static DBusDictionary StringVariantMap(IEnumerable<KeyValuePair<string, DBusValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new DBusDictionary(
            DBusType.String,
            DBusType.Variant,
            entries.Select(e => new KeyValuePair<DBusValue, DBusValue>(new DBusString(e.Key), new DBusVariant(e.Value))));
    }

    /// <summary>An empty <c>a{sv}</c>, the usual "no options" argument.</summary>
    public static DBusDictionary EmptyOptions { get; } = StringVariantMap([]);

    public static implicit operator DBusValue(string value) => new DBusString(value);

    public static implicit operator DBusValue(bool value) => new DBusBoolean(value);

    public static implicit operator DBusValue(byte value) => new DBusByte(value);

    public static implicit operator DBusValue(short value) => new DBusInt16(value);

    public static implicit operator DBusValue(ushort value) => new DBusUInt16(value);

    public static implicit operator DBusValue(int value) => new DBusInt32(value);

    public static implicit operator DBusValue(uint value) => new DBusUInt32(value);

    public static implicit operator DBusValue(long value) => new DBusInt64(value);

    public static implicit operator DBusValue(ulong value) => new DBusUInt64(value);

    public static implicit operator DBusValue(double value) => new DBusDouble(value);

    public static implicit operator DBusValue(byte[] value) => new DBusByteArray(value);

    /// <summary>GVariant-like text, e.g. <c>{'Value': &lt;[0xdd, 0x03]&gt;}</c>, for logs and test failures.</summary>
    public sealed override string ToString() => DBusValueText.Format(this);
}
