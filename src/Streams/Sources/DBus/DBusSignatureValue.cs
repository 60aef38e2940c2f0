namespace Streams.Sources.DBus;

/// <summary>A D-Bus SIGNATURE value (<c>g</c>); validated on construction.</summary>
public sealed record DBusSignatureValue : DBusValue
{
    public DBusSignatureValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!DBusSignature.TryParse(value, out _, out var error))
        {
            throw new ArgumentException($"'{value}' is not a valid D-Bus signature: {error}", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public override DBusType Type => DBusType.SignatureType;
}
