namespace Streams.Sources.DBus;

/// <summary>A D-Bus OBJECT_PATH (<c>o</c>), e.g. <c>/org/bluez/hci0</c>; validated on construction.</summary>
public sealed record DBusObjectPath : DBusValue
{
    public DBusObjectPath(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!DBusNames.IsValidObjectPath(value))
        {
            throw new ArgumentException($"'{value}' is not a valid D-Bus object path.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public override DBusType Type => DBusType.ObjectPath;
}
