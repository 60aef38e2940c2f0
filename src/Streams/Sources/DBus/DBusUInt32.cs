namespace Streams.Sources.DBus;

/// <summary>A D-Bus UINT32 (<c>u</c>).</summary>
public sealed record DBusUInt32(uint Value) : DBusValue
{
    public override DBusType Type => DBusType.UInt32;
}
