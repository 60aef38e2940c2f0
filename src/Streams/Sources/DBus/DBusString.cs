namespace Streams.Sources.DBus;

/// <summary>A D-Bus STRING (<c>s</c>): UTF-8 on the wire, no NUL characters.</summary>
public sealed record DBusString : DBusValue
{
    public DBusString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A D-Bus string cannot contain NUL characters.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public override DBusType Type => DBusType.String;
}
