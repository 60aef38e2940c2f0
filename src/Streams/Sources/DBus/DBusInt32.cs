namespace Streams.Sources.DBus;

/// <summary>A D-Bus INT32 (<c>i</c>).</summary>
public sealed record DBusInt32(int Value) : DBusValue
{
    public override DBusType Type => DBusType.Int32;
}
