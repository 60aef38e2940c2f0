namespace Streams.Sources.DBus;

/// <summary>A D-Bus UINT64 (<c>t</c>).</summary>
public sealed record DBusUInt64(ulong Value) : DBusValue
{
    public override DBusType Type => DBusType.UInt64;
}
