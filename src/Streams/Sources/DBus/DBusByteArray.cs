namespace Streams.Sources.DBus;

/// <summary>
/// A D-Bus byte array (<c>ay</c>), held as one owned buffer rather than one value per byte: GATT
/// values and notifications arrive in this shape. It is the only representation of <c>ay</c>.
/// </summary>
public sealed record DBusByteArray : DBusValue
{
    private static readonly DBusType ByteArrayType = DBusType.ArrayOf(DBusType.Byte);
    private readonly byte[] _bytes;

    /// <summary>Copies <paramref name="bytes"/>.</summary>
    public DBusByteArray(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes.ToArray();
    }

    private DBusByteArray(byte[] owned, bool _)
    {
        _bytes = owned;
    }

    public ReadOnlyMemory<byte> Value => _bytes;

    public override DBusType Type => ByteArrayType;

    /// <summary>A copy of the bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    internal static DBusByteArray Own(byte[] bytes) => new(bytes, true);

    public bool Equals(DBusByteArray? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}
