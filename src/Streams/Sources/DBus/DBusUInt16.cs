namespace Streams.Sources.DBus;

/// <summary>A D-Bus UINT16 (<c>q</c>).</summary>
public sealed record DBusUInt16(ushort Value) : DBusValue
{
    public override DBusType Type => DBusType.UInt16;
}
