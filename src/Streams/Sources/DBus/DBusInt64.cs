namespace Streams.Sources.DBus;

/// <summary>A D-Bus INT64 (<c>x</c>).</summary>
public sealed record DBusInt64(long Value) : DBusValue
{
    public override DBusType Type => DBusType.Int64;
}
