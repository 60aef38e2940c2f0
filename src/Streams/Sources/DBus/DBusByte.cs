namespace Streams.Sources.DBus;

/// <summary>A D-Bus BYTE (<c>y</c>).</summary>
public sealed record DBusByte(byte Value) : DBusValue
{
    public override DBusType Type => DBusType.Byte;
}
