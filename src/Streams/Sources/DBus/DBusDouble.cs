namespace Streams.Sources.DBus;

/// <summary>A D-Bus DOUBLE (<c>d</c>). Equality is bitwise, so NaN round trips compare equal.</summary>
public sealed record DBusDouble(double Value) : DBusValue
{
    public override DBusType Type => DBusType.Double;

    public bool Equals(DBusDouble? other) =>
        other is not null && BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(other.Value);

    public override int GetHashCode() => BitConverter.DoubleToInt64Bits(Value).GetHashCode();
}
