namespace Streams.Readings;

/// <summary>How a field is presented: a numeric or text sensor, or an on/off problem indicator.</summary>
public enum FieldKind
{
    Sensor,
    Text,
    Problem,
}
