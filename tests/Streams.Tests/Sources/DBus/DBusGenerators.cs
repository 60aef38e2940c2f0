using FsCheck;
using FsCheck.Fluent;
using Streams.Sources.DBus;

namespace Streams.Tests.Sources.DBus;

/// <summary>
/// FsCheck generators for random D-Bus types and values of those types: every basic type,
/// nested arrays, structs, dictionaries and variants, byte arrays, empty containers, and
/// strings with multi-byte UTF-8.
/// </summary>
internal static class DBusGenerators
{
    private static readonly DBusType[] BasicTypes =
    [
        DBusType.Byte, DBusType.Boolean, DBusType.Int16, DBusType.UInt16, DBusType.Int32, DBusType.UInt32,
        DBusType.Int64, DBusType.UInt64, DBusType.Double, DBusType.String, DBusType.ObjectPath,
        DBusType.SignatureType, DBusType.UnixFd,
    ];

    private static readonly string[] TextPieces = ["", "a", "Z", "0", " ", "é", "ß", "漢字", "😀", "\u0001", "'", "\\", "org.bluez", "Value", "\u007f", "\u00ff"];

    private static readonly string[] PathElements = ["org", "bluez", "hci0", "dev_A4_C1_38_00_00_01", "service000b", "char000c", "_", "9"];

    public static Gen<DBusType> Basic { get; } = Gen.Elements(BasicTypes);

    public static Gen<DBusType> Type(int depth)
    {
        if (depth <= 0)
        {
            return Gen.Frequency((8, Basic), (1, Gen.Constant(DBusType.Variant)));
        }

        var inner = Type(depth - 1);
        return Gen.Frequency(
            (6, Basic),
            (1, Gen.Constant(DBusType.Variant)),
            (2, inner.Select(DBusType.ArrayOf)),
            (2, Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(inner, n)).Select(fields => DBusType.StructOf(fields))),
            (2, Basic.SelectMany(key => inner.Select(value => DBusType.DictionaryOf(key, value)))));
    }

    public static Gen<DBusValue> Value(DBusType type, int variantDepth = 2) => type.Code switch
    {
        DBusTypeCode.Byte => Bytes(1).Select(b => (DBusValue)new DBusByte(b[0])),
        DBusTypeCode.Boolean => Gen.Elements(true, false).Select(b => (DBusValue)new DBusBoolean(b)),
        DBusTypeCode.Int16 => Bytes(2).Select(b => (DBusValue)new DBusInt16(BitConverter.ToInt16(b))),
        DBusTypeCode.UInt16 => Bytes(2).Select(b => (DBusValue)new DBusUInt16(BitConverter.ToUInt16(b))),
        DBusTypeCode.Int32 => Bytes(4).Select(b => (DBusValue)new DBusInt32(BitConverter.ToInt32(b))),
        DBusTypeCode.UInt32 => Bytes(4).Select(b => (DBusValue)new DBusUInt32(BitConverter.ToUInt32(b))),
        DBusTypeCode.Int64 => Bytes(8).Select(b => (DBusValue)new DBusInt64(BitConverter.ToInt64(b))),
        DBusTypeCode.UInt64 => Bytes(8).Select(b => (DBusValue)new DBusUInt64(BitConverter.ToUInt64(b))),
        DBusTypeCode.Double => Bytes(8).Select(b => (DBusValue)new DBusDouble(BitConverter.ToDouble(b))),
        DBusTypeCode.UnixFd => Bytes(4).Select(b => (DBusValue)new DBusUnixFd(BitConverter.ToUInt32(b))),
        DBusTypeCode.String => Text.Select(s => (DBusValue)new DBusString(s)),
        DBusTypeCode.ObjectPath => ObjectPath.Select(p => (DBusValue)new DBusObjectPath(p)),
        DBusTypeCode.Signature => Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Type(2), n))
            .Select(types => (DBusValue)new DBusSignatureValue(DBusSignature.Of(types))),
        DBusTypeCode.Variant => (variantDepth > 0 ? Type(2) : Basic)
            .SelectMany(inner => Value(inner, variantDepth - 1))
            .Select(inner => (DBusValue)new DBusVariant(inner)),
        DBusTypeCode.Struct => Gen.CollectToArray(type.Fields.Select(field => Value(field, variantDepth)))
            .Select(fields => (DBusValue)new DBusStruct(fields)),
        DBusTypeCode.Array => ArrayValue(type.Element!, variantDepth),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a complete type"),
    };

    /// <summary>A message body: 0–4 values of random types.</summary>
    public static Gen<DBusValue[]> Body { get; } =
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Type(3), n))
            .Where(types => DBusSignature.Of(types).Length <= DBusSignature.MaxLength)
            .SelectMany(types => Gen.CollectToArray(types.Select(t => Value(t))));

    /// <summary>A valid message of any of the four types with random header fields and body.</summary>
    public static Gen<DBusMessage> Message { get; } =
        from kind in Gen.Choose(1, 4)
        from serial in Gen.Choose(1, int.MaxValue)
        from flags in Gen.Choose(0, 7)
        from path in ObjectPath
        from body in Body
        from sender in Gen.Elements<string?>(null, ":1.42", "org.bluez")
        from destination in Gen.Elements<string?>(null, ":1.7", "org.example.Fake-Bluez")
        from replySerial in Gen.Choose(1, int.MaxValue)
        select BuildMessage((DBusMessageType)kind, (uint)serial, (DBusMessageFlags)flags, path, body, sender, destination, (uint)replySerial);

    public static Gen<string> Text { get; } =
        Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements(TextPieces), n)).Select(string.Concat);

    public static Gen<string> ObjectPath { get; } =
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements(PathElements), n))
            .Select(elements => "/" + string.Join('/', elements));

    public static Gen<byte[]> Bytes(int count) => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), count);

    private static Gen<DBusValue> ArrayValue(DBusType element, int variantDepth)
    {
        var count = Gen.Choose(0, 3);
        if (element.Code == DBusTypeCode.Byte)
        {
            return Gen.Choose(0, 24).SelectMany(Bytes).Select(bytes => (DBusValue)new DBusByteArray(bytes));
        }

        if (element.Code == DBusTypeCode.DictEntry)
        {
            var key = element.Fields[0];
            var value = element.Fields[1];
            var entry = Value(key, variantDepth).SelectMany(k => Value(value, variantDepth).Select(v => new KeyValuePair<DBusValue, DBusValue>(k, v)));
            return count.SelectMany(n => Gen.ArrayOf(entry, n)).Select(entries => (DBusValue)new DBusDictionary(key, value, entries));
        }

        return count.SelectMany(n => Gen.ArrayOf(Value(element, variantDepth), n)).Select(items => (DBusValue)new DBusArray(element, items));
    }

    private static DBusMessage BuildMessage(
        DBusMessageType kind, uint serial, DBusMessageFlags flags, string path, DBusValue[] body, string? sender, string? destination, uint replySerial) =>
        kind switch
        {
            DBusMessageType.MethodCall => DBusMessage.MethodCall(destination, path, "org.bluez.GattCharacteristic1", "WriteValue", body)
                with { Serial = serial, Flags = flags, Sender = sender },
            DBusMessageType.Signal => DBusMessage.Signal(path, "org.freedesktop.DBus.Properties", "PropertiesChanged", body)
                with { Serial = serial, Flags = flags, Sender = sender, Destination = destination },
            DBusMessageType.MethodReturn => new DBusMessage
            {
                Type = kind, Serial = serial, Flags = flags, ReplySerial = replySerial, Sender = sender, Destination = destination, Body = [.. body],
            },
            _ => new DBusMessage
            {
                Type = kind, Serial = serial, Flags = flags, ReplySerial = replySerial, ErrorName = "org.bluez.Error.NotConnected",
                Sender = sender, Destination = destination, Body = [.. body],
            },
        };
}
