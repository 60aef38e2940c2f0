using System.Buffers.Binary;
using System.Collections.Immutable;

namespace Streams.Sources.DBus;

/// <summary>
/// Encodes and decodes whole messages.
/// <code>
/// offset 0   BYTE   endianness 'l' (little) or 'B' (big)
///        1   BYTE   message type (1 call, 2 return, 3 error, 4 signal)
///        2   BYTE   flags
///        3   BYTE   protocol version, always 1
///        4   UINT32 body length
///        8   UINT32 serial (non-zero)
///       12   ARRAY of STRUCT(BYTE code, VARIANT value): the header fields, starting at 16
///            padding to a multiple of 8, then the body (its signature is header field 8)
/// </code>
/// </summary>
internal static class DBusMessageCodec
{
    public const int FixedHeaderLength = 16;
    private const byte LittleEndianMark = (byte)'l';
    private const byte BigEndianMark = (byte)'B';
    private const byte ProtocolVersion = 1;

    /// <summary>
    /// The total length of the message starting at <paramref name="buffer"/>[0]; false while fewer
    /// than 16 bytes are available. Throws <see cref="DBusProtocolException"/> for a header that
    /// cannot start a message (bad endianness or version, sizes beyond the limits).
    /// </summary>
    public static bool TryGetMessageLength(ReadOnlySpan<byte> buffer, out int length)
    {
        length = 0;
        if (buffer.Length < FixedHeaderLength)
        {
            return false;
        }

        var bigEndian = ReadEndianness(buffer[0]);
        if (buffer[3] != ProtocolVersion)
        {
            throw new DBusProtocolException($"Protocol version {buffer[3]}; only 1 is understood.");
        }

        var bodyLength = ReadUInt32(buffer[4..], bigEndian);
        var fieldsLength = ReadUInt32(buffer[12..], bigEndian);
        if (fieldsLength > DBusLimits.MaxArrayLength)
        {
            throw new DBusProtocolException($"A header field array of {fieldsLength} bytes exceeds the {DBusLimits.MaxArrayLength}-byte limit.");
        }

        var headerLength = FixedHeaderLength + (long)fieldsLength;
        var total = headerLength + DBusWriter.Padding((int)(headerLength & 7), 8) + bodyLength;
        if (total > DBusLimits.MaxMessageLength)
        {
            throw new DBusProtocolException($"A message of {total} bytes exceeds the {DBusLimits.MaxMessageLength}-byte limit.");
        }

        length = (int)total;
        return true;
    }

    /// <summary>Decodes exactly one message occupying all of <paramref name="message"/>.</summary>
    public static DBusMessage Decode(ReadOnlySpan<byte> message)
    {
        if (!TryGetMessageLength(message, out var length))
        {
            throw new DBusProtocolException($"A message needs at least {FixedHeaderLength} bytes; got {message.Length}.");
        }

        if (length != message.Length)
        {
            throw new DBusProtocolException($"The header announces {length} bytes but the message has {message.Length}.");
        }

        var bigEndian = ReadEndianness(message[0]);
        var type = (DBusMessageType)message[1];
        if (message[1] == 0)
        {
            throw new DBusProtocolException("Message type 0 is invalid.");
        }

        var reader = new DBusReader(message, bigEndian, 4);
        var bodyLength = reader.ReadUInt32();
        var serial = reader.ReadUInt32();
        if (serial == 0)
        {
            throw new DBusProtocolException("A message with serial 0.");
        }

        var fields = ReadHeaderFields(ref reader);
        reader.Align(8);
        if (reader.Remaining != bodyLength)
        {
            throw new DBusProtocolException($"The body should have {bodyLength} bytes but {reader.Remaining} follow the header.");
        }

        var body = ReadBody(ref reader, fields.Signature, bodyLength);
        var decoded = new DBusMessage
        {
            Type = type,
            Flags = (DBusMessageFlags)message[2],
            Serial = serial,
            Path = fields.Path,
            Interface = fields.Interface,
            Member = fields.Member,
            ErrorName = fields.ErrorName,
            ReplySerial = fields.ReplySerial,
            Destination = fields.Destination,
            Sender = fields.Sender,
            UnixFds = fields.UnixFds,
            Body = body,
        };
        var problem = FindMissingField(decoded);
        return problem is null ? decoded : throw new DBusProtocolException(problem);
    }

    /// <summary>Encodes <paramref name="message"/>, whose serial must already be set. Throws <see cref="ArgumentException"/> for an invalid message.</summary>
    public static byte[] Encode(DBusMessage message, bool bigEndian = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problem = FindInvalidOutgoing(message);
        if (problem is not null)
        {
            throw new ArgumentException($"Cannot send {message.Type} {message.Interface}.{message.Member}: {problem}", nameof(message));
        }

        var writer = new DBusWriter(128, bigEndian);
        writer.WriteByte(bigEndian ? BigEndianMark : LittleEndianMark);
        writer.WriteByte((byte)message.Type);
        writer.WriteByte((byte)message.Flags);
        writer.WriteByte(ProtocolVersion);
        writer.WriteUInt32(0);
        writer.WriteUInt32(message.Serial);
        var fields = writer.BeginArray(8);
        WriteField(writer, DBusHeaderField.Path, message.Path is { } path ? new DBusObjectPath(path) : null);
        WriteField(writer, DBusHeaderField.Interface, message.Interface is { } iface ? new DBusString(iface) : null);
        WriteField(writer, DBusHeaderField.Member, message.Member is { } member ? new DBusString(member) : null);
        WriteField(writer, DBusHeaderField.ErrorName, message.ErrorName is { } error ? new DBusString(error) : null);
        WriteField(writer, DBusHeaderField.ReplySerial, message.ReplySerial is { } reply ? new DBusUInt32(reply) : null);
        WriteField(writer, DBusHeaderField.Destination, message.Destination is { } destination ? new DBusString(destination) : null);
        WriteField(writer, DBusHeaderField.Sender, message.Sender is { } sender ? new DBusString(sender) : null);
        var signature = message.Signature;
        WriteField(writer, DBusHeaderField.Signature, signature.Length > 0 ? new DBusSignatureValue(signature) : null);
        WriteField(writer, DBusHeaderField.UnixFds, message.UnixFds is { } fds ? new DBusUInt32(fds) : null);
        writer.EndArray(fields);
        writer.Align(8);
        var bodyStart = writer.Position;
        foreach (var value in message.Body)
        {
            writer.WriteValue(value);
        }

        if (writer.Position > DBusLimits.MaxMessageLength)
        {
            throw new ArgumentException($"A message of {writer.Position} bytes exceeds the {DBusLimits.MaxMessageLength}-byte limit.", nameof(message));
        }

        writer.PatchUInt32(4, (uint)(writer.Position - bodyStart));
        return writer.ToArray();
    }

    private static void WriteField(DBusWriter writer, DBusHeaderField code, DBusValue? value)
    {
        if (value is null)
        {
            return;
        }

        writer.Align(8);
        writer.WriteByte((byte)code);
        writer.WriteValue(new DBusVariant(value));
    }

    private static HeaderFields ReadHeaderFields(ref DBusReader reader)
    {
        var fields = default(HeaderFields);
        var seen = 0u;
        var end = reader.BeginArray(8);
        while (reader.Position < end)
        {
            reader.Align(8);
            var code = reader.ReadByte();
            var value = reader.ReadValue(DBusType.Variant);
            var inner = ((DBusVariant)value).Value;
            if (code is 0)
            {
                throw new DBusProtocolException("Header field code 0 is invalid.");
            }

            if (code > (byte)DBusHeaderField.UnixFds)
            {
                continue;
            }

            if ((seen & (1u << code)) != 0)
            {
                throw new DBusProtocolException($"Header field {(DBusHeaderField)code} appears twice.");
            }

            seen |= 1u << code;
            fields = Apply(fields, (DBusHeaderField)code, inner);
        }

        reader.EndArray(end);
        return fields;
    }

    private static HeaderFields Apply(HeaderFields fields, DBusHeaderField code, DBusValue value) => (code, value) switch
    {
        (DBusHeaderField.Path, DBusObjectPath v) => fields with { Path = v.Value },
        (DBusHeaderField.Interface, DBusString v) => fields with { Interface = Checked(v.Value, DBusNames.IsValidInterfaceName, "interface") },
        (DBusHeaderField.Member, DBusString v) => fields with { Member = Checked(v.Value, DBusNames.IsValidMemberName, "member") },
        (DBusHeaderField.ErrorName, DBusString v) => fields with { ErrorName = Checked(v.Value, DBusNames.IsValidErrorName, "error") },
        (DBusHeaderField.ReplySerial, DBusUInt32 v) => fields with { ReplySerial = v.Value != 0 ? v.Value : throw new DBusProtocolException("REPLY_SERIAL 0.") },
        (DBusHeaderField.Destination, DBusString v) => fields with { Destination = Checked(v.Value, DBusNames.IsValidBusName, "bus") },
        (DBusHeaderField.Sender, DBusString v) => fields with { Sender = Checked(v.Value, DBusNames.IsValidBusName, "bus") },
        (DBusHeaderField.Signature, DBusSignatureValue v) => fields with { Signature = v.Value },
        (DBusHeaderField.UnixFds, DBusUInt32 v) => fields with { UnixFds = v.Value },
        _ => throw new DBusProtocolException($"Header field {code} holds a '{value.Type}' value."),
    };

    private static string Checked(string name, Func<string, bool> isValid, string kind) =>
        isValid(name) ? name : throw new DBusProtocolException($"'{name}' is not a valid {kind} name.");

    private static ImmutableArray<DBusValue> ReadBody(ref DBusReader reader, string? signature, uint bodyLength)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return bodyLength == 0
                ? []
                : throw new DBusProtocolException($"A body of {bodyLength} bytes without a SIGNATURE header field.");
        }

        var types = DBusSignature.Parse(signature);
        var body = ImmutableArray.CreateBuilder<DBusValue>(types.Length);
        foreach (var type in types)
        {
            body.Add(reader.ReadValue(type));
        }

        return reader.Remaining == 0
            ? body.MoveToImmutable()
            : throw new DBusProtocolException($"{reader.Remaining} bytes left over after the body '{signature}'.");
    }

    private static string? FindMissingField(DBusMessage message) => message.Type switch
    {
        DBusMessageType.MethodCall when message.Path is null || message.Member is null => "A method call without PATH or MEMBER.",
        DBusMessageType.Signal when message.Path is null || message.Interface is null || message.Member is null => "A signal without PATH, INTERFACE or MEMBER.",
        DBusMessageType.MethodReturn when message.ReplySerial is null => "A method return without REPLY_SERIAL.",
        DBusMessageType.Error when message.ReplySerial is null || message.ErrorName is null => "An error without REPLY_SERIAL or ERROR_NAME.",
        _ => null,
    };

    private static string? FindInvalidOutgoing(DBusMessage message)
    {
        if (message.Type is < DBusMessageType.MethodCall or > DBusMessageType.Signal)
        {
            return $"message type {(byte)message.Type} cannot be sent";
        }

        if (message.Serial == 0)
        {
            return "serial 0";
        }

        return FindMissingField(message)
            ?? Invalid(message.Path, DBusNames.IsValidObjectPath, "object path")
            ?? Invalid(message.Interface, DBusNames.IsValidInterfaceName, "interface name")
            ?? Invalid(message.Member, DBusNames.IsValidMemberName, "member name")
            ?? Invalid(message.ErrorName, DBusNames.IsValidErrorName, "error name")
            ?? Invalid(message.Destination, DBusNames.IsValidBusName, "bus name")
            ?? Invalid(message.Sender, DBusNames.IsValidBusName, "bus name")
            ?? (message.ReplySerial == 0 ? "reply serial 0" : null)
            ?? (message.Signature.Length > DBusSignature.MaxLength ? $"a body signature longer than {DBusSignature.MaxLength} characters" : null);
    }

    private static string? Invalid(string? name, Func<string, bool> isValid, string kind) =>
        name is null || isValid(name) ? null : $"'{name}' is not a valid {kind}";

    private static bool ReadEndianness(byte mark) => mark switch
    {
        LittleEndianMark => false,
        BigEndianMark => true,
        _ => throw new DBusProtocolException($"Endianness byte 0x{mark:x2} is neither 'l' nor 'B'."),
    };

    private static uint ReadUInt32(ReadOnlySpan<byte> span, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

    private readonly record struct HeaderFields(
        string? Path,
        string? Interface,
        string? Member,
        string? ErrorName,
        uint? ReplySerial,
        string? Destination,
        string? Sender,
        string? Signature,
        uint? UnixFds);
}
