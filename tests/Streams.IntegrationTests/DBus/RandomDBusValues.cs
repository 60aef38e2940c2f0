using Streams.Sources.DBus;

namespace Streams.IntegrationTests.DBus;

/// <summary>
/// Seeded random D-Bus values of random types (nested arrays, structs, dictionaries, variants,
/// byte arrays, multi-byte strings) for checks against an independent implementation. UNIX_FD is
/// left out: a real bus rejects fd indices in a message that carries no descriptors.
/// </summary>
internal sealed class RandomDBusValues(int seed)
{
    private static readonly string[] TextPieces = ["", "a", "Z", " ", "é", "漢字", "😀", "'", "\\", "org.bluez", "\u0001"];
    private static readonly string[] PathElements = ["org", "bluez", "hci0", "dev_A4_C1_38_00_00_01", "char000c", "_9"];
    private readonly Random _random = new(seed);

    public DBusValue Next() => Value(Type(3), variantDepth: 2);

    private DBusType Type(int depth)
    {
        var choice = _random.Next(depth <= 0 ? 13 : 17);
        return choice switch
        {
            < 12 => Basic(),
            12 => DBusType.Variant,
            13 => DBusType.ArrayOf(Type(depth - 1)),
            14 => DBusType.StructOf([.. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Type(depth - 1))]),
            15 => DBusType.DictionaryOf(Basic(), Type(depth - 1)),
            _ => DBusType.ArrayOf(DBusType.Byte),
        };
    }

    private DBusType Basic() => _random.Next(12) switch
    {
        0 => DBusType.Byte,
        1 => DBusType.Boolean,
        2 => DBusType.Int16,
        3 => DBusType.UInt16,
        4 => DBusType.Int32,
        5 => DBusType.UInt32,
        6 => DBusType.Int64,
        7 => DBusType.UInt64,
        8 => DBusType.Double,
        9 => DBusType.String,
        10 => DBusType.ObjectPath,
        _ => DBusType.SignatureType,
    };

    private DBusValue Value(DBusType type, int variantDepth) => type.Code switch
    {
        DBusTypeCode.Byte => new DBusByte((byte)_random.Next(256)),
        DBusTypeCode.Boolean => new DBusBoolean(_random.Next(2) == 1),
        DBusTypeCode.Int16 => new DBusInt16(BitConverter.ToInt16(Bytes(2))),
        DBusTypeCode.UInt16 => new DBusUInt16(BitConverter.ToUInt16(Bytes(2))),
        DBusTypeCode.Int32 => new DBusInt32(BitConverter.ToInt32(Bytes(4))),
        DBusTypeCode.UInt32 => new DBusUInt32(BitConverter.ToUInt32(Bytes(4))),
        DBusTypeCode.Int64 => new DBusInt64(BitConverter.ToInt64(Bytes(8))),
        DBusTypeCode.UInt64 => new DBusUInt64(BitConverter.ToUInt64(Bytes(8))),
        DBusTypeCode.Double => new DBusDouble(_random.Next(4) == 0 ? double.NegativeInfinity : (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-30, 30))),
        DBusTypeCode.String => new DBusString(string.Concat(Enumerable.Range(0, _random.Next(5)).Select(_ => TextPieces[_random.Next(TextPieces.Length)]))),
        DBusTypeCode.ObjectPath => new DBusObjectPath("/" + string.Join('/', Enumerable.Range(0, _random.Next(4)).Select(_ => PathElements[_random.Next(PathElements.Length)]))),
        DBusTypeCode.Signature => new DBusSignatureValue(string.Concat(Enumerable.Range(0, _random.Next(3)).Select(_ => Type(2).Signature))),
        DBusTypeCode.Variant => new DBusVariant(variantDepth > 0 ? Value(Type(2), variantDepth - 1) : Value(Basic(), 0)),
        DBusTypeCode.Struct => new DBusStruct(type.Fields.Select(f => Value(f, variantDepth))),
        DBusTypeCode.Array when type.Element!.Code == DBusTypeCode.Byte => new DBusByteArray(Bytes(_random.Next(24))),
        DBusTypeCode.Array when type.IsDictionary => new DBusDictionary(
            type.Element.Fields[0],
            type.Element.Fields[1],
            Enumerable.Range(0, _random.Next(3)).Select(_ => new KeyValuePair<DBusValue, DBusValue>(Value(type.Element.Fields[0], variantDepth), Value(type.Element.Fields[1], variantDepth))).ToList()),
        DBusTypeCode.Array => new DBusArray(type.Element, Enumerable.Range(0, _random.Next(3)).Select(_ => Value(type.Element, variantDepth)).ToList()),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a complete type"),
    };

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
