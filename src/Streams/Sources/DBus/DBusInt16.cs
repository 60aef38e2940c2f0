namespace Streams.Sources.DBus;

/// <summary>A D-Bus INT16 (<c>n</c>).</summary>
public sealed record DBusInt16(short Value) : DBusValue
{
    public override DBusType Type => DBusType.Int16;
}
