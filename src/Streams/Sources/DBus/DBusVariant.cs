namespace Streams.Sources.DBus;

/// <summary>A D-Bus VARIANT (<c>v</c>): any value together with its own signature.</summary>
public sealed record DBusVariant : DBusValue
{
    public DBusVariant(DBusValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    public DBusValue Value { get; }

    public override DBusType Type => DBusType.Variant;
}
