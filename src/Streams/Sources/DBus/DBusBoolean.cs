namespace Streams.Sources.DBus;

/// <summary>A D-Bus BOOLEAN (<c>b</c>).</summary>
public sealed record DBusBoolean(bool Value) : DBusValue
{
    public override DBusType Type => DBusType.Boolean;
}
