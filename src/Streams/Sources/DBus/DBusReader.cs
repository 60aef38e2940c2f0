using System.Buffers.Binary;
using System.Text;

namespace Streams.Sources.DBus;

/// <summary>
/// Unmarshals values from a whole message (offset 0 = message start, which alignment is relative
/// to), in either byte order. Every violation of the wire format throws
/// <see cref="DBusProtocolException"/>: short data, non-zero padding, booleans other than 0/1,
/// invalid UTF-8 or embedded NULs, bad signatures or object paths, array lengths that do not land
/// on an element boundary, and nesting deeper than the specification allows.
/// </summary>
internal ref struct DBusReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _bigEndian;
    private int _position;

    public DBusReader(ReadOnlySpan<byte> data, bool bigEndian, int position = 0)
    {
        _data = data;
        _bigEndian = bigEndian;
        _position = position;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public void Align(int alignment)
    {
        var padding = DBusWriter.Padding(_position, alignment);
        var pad = Take(padding, "alignment padding");
        if (pad.ContainsAnyExcept((byte)0))
        {
            throw new DBusProtocolException($"Non-zero alignment padding at offset {_position - padding}.");
        }
    }

    public byte ReadByte() => Take(1, "a BYTE")[0];

    public bool ReadBoolean()
    {
        var value = ReadUInt32();
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw new DBusProtocolException($"A BOOLEAN holds {value}; only 0 and 1 are valid (offset {_position - 4})."),
        };
    }

    public short ReadInt16()
    {
        Align(2);
        var span = Take(2, "an INT16");
        return _bigEndian ? BinaryPrimitives.ReadInt16BigEndian(span) : BinaryPrimitives.ReadInt16LittleEndian(span);
    }

    public ushort ReadUInt16()
    {
        Align(2);
        var span = Take(2, "a UINT16");
        return _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    public int ReadInt32()
    {
        Align(4);
        var span = Take(4, "an INT32");
        return _bigEndian ? BinaryPrimitives.ReadInt32BigEndian(span) : BinaryPrimitives.ReadInt32LittleEndian(span);
    }

    public uint ReadUInt32()
    {
        Align(4);
        var span = Take(4, "a UINT32");
        return _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    public long ReadInt64()
    {
        Align(8);
        var span = Take(8, "an INT64");
        return _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(span) : BinaryPrimitives.ReadInt64LittleEndian(span);
    }

    public ulong ReadUInt64()
    {
        Align(8);
        var span = Take(8, "a UINT64");
        return _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(span) : BinaryPrimitives.ReadUInt64LittleEndian(span);
    }

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public string ReadString()
    {
        var length = ReadUInt32();
        if (length >= (uint)Remaining)
        {
            throw new DBusProtocolException($"A STRING of {length} bytes runs past the end of the message (offset {_position - 4}).");
        }

        var bytes = Take((int)length, "a STRING");
        if (Take(1, "a STRING terminator")[0] != 0)
        {
            throw new DBusProtocolException($"A STRING is not NUL-terminated (offset {_position - 1}).");
        }

        if (bytes.Contains((byte)0))
        {
            throw new DBusProtocolException($"A STRING contains a NUL byte (offset {_position - length - 1}).");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DBusProtocolException($"A STRING is not valid UTF-8 (offset {_position - length - 1}).");
        }
    }

    public string ReadObjectPath()
    {
        var path = ReadString();
        return DBusNames.IsValidObjectPath(path)
            ? path
            : throw new DBusProtocolException($"'{path}' is not a valid object path.");
    }

    public string ReadSignatureText()
    {
        var length = ReadByte();
        var bytes = Take(length, "a SIGNATURE");
        if (Take(1, "a SIGNATURE terminator")[0] != 0)
        {
            throw new DBusProtocolException($"A SIGNATURE is not NUL-terminated (offset {_position - 1}).");
        }

        foreach (var b in bytes)
        {
            if (b is 0 or > 0x7F)
            {
                throw new DBusProtocolException($"A SIGNATURE holds the byte 0x{b:x2}.");
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    public DBusValue ReadValue(DBusType type) => ReadValue(type, 0);

    /// <summary>Reads an array's length and element padding; returns the offset where its payload ends.</summary>
    public int BeginArray(int elementAlignment)
    {
        var length = ReadUInt32();
        if (length > DBusLimits.MaxArrayLength)
        {
            throw new DBusProtocolException($"An array of {length} bytes exceeds the {DBusLimits.MaxArrayLength}-byte limit.");
        }

        Align(elementAlignment);
        if (length > (uint)Remaining)
        {
            throw new DBusProtocolException($"An array of {length} bytes runs past the end of the message (offset {_position}).");
        }

        return _position + (int)length;
    }

    public readonly void EndArray(int end)
    {
        if (_position != end)
        {
            throw new DBusProtocolException($"An array's elements end at offset {_position}, not at its declared end {end}.");
        }
    }

    private DBusValue ReadValue(DBusType type, int depth)
    {
        switch (type.Code)
        {
            case DBusTypeCode.Byte: return new DBusByte(ReadByte());
            case DBusTypeCode.Boolean: return new DBusBoolean(ReadBoolean());
            case DBusTypeCode.Int16: return new DBusInt16(ReadInt16());
            case DBusTypeCode.UInt16: return new DBusUInt16(ReadUInt16());
            case DBusTypeCode.Int32: return new DBusInt32(ReadInt32());
            case DBusTypeCode.UInt32: return new DBusUInt32(ReadUInt32());
            case DBusTypeCode.Int64: return new DBusInt64(ReadInt64());
            case DBusTypeCode.UInt64: return new DBusUInt64(ReadUInt64());
            case DBusTypeCode.Double: return new DBusDouble(ReadDouble());
            case DBusTypeCode.UnixFd: return new DBusUnixFd(ReadUInt32());
            case DBusTypeCode.String: return new DBusString(ReadString());
            case DBusTypeCode.ObjectPath: return new DBusObjectPath(ReadObjectPath());
            case DBusTypeCode.Signature: return new DBusSignatureValue(ParseSignature(ReadSignatureText()));
            case DBusTypeCode.Variant: return ReadVariant(Enter(depth));
            case DBusTypeCode.Struct: return ReadStruct(type, Enter(depth));
            case DBusTypeCode.Array: return ReadArray(type.Element!, Enter(depth));
            default: throw new DBusProtocolException($"Type '{type.Signature}' cannot stand alone.");
        }
    }

    private DBusVariant ReadVariant(int depth)
    {
        var signature = ReadSignatureText();
        if (!DBusSignature.TryParse(signature, out var types, out var error))
        {
            throw new DBusProtocolException($"A VARIANT has the invalid signature '{signature}': {error}.");
        }

        if (types.Length != 1)
        {
            throw new DBusProtocolException($"A VARIANT's signature '{signature}' is not a single complete type.");
        }

        return new DBusVariant(ReadValue(types[0], depth));
    }

    private DBusStruct ReadStruct(DBusType type, int depth)
    {
        Align(8);
        var fields = new DBusValue[type.Fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = ReadValue(type.Fields[i], depth);
        }

        return new DBusStruct(fields);
    }

    private DBusValue ReadArray(DBusType element, int depth)
    {
        var end = BeginArray(element.Alignment);
        if (element.Code == DBusTypeCode.Byte)
        {
            var bytes = Take(end - _position, "a byte array").ToArray();
            return DBusByteArray.Own(bytes);
        }

        if (element.Code == DBusTypeCode.DictEntry)
        {
            var entryDepth = Enter(depth);
            var entries = new List<KeyValuePair<DBusValue, DBusValue>>();
            while (_position < end)
            {
                Align(8);
                var key = ReadValue(element.Fields[0], entryDepth);
                var value = ReadValue(element.Fields[1], entryDepth);
                entries.Add(new(key, value));
            }

            EndArray(end);
            return new DBusDictionary(element.Fields[0], element.Fields[1], entries);
        }

        var items = new List<DBusValue>();
        while (_position < end)
        {
            items.Add(ReadValue(element, depth));
        }

        EndArray(end);
        return new DBusArray(element, items);
    }

    private static string ParseSignature(string signature) =>
        DBusSignature.TryParse(signature, out _, out var error)
            ? signature
            : throw new DBusProtocolException($"Invalid SIGNATURE value '{signature}': {error}.");

    private static int Enter(int depth) =>
        depth + 1 > DBusLimits.MaxContainerDepth
            ? throw new DBusProtocolException($"Values nested in more than {DBusLimits.MaxContainerDepth} containers.")
            : depth + 1;

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > _data.Length - _position)
        {
            throw new DBusProtocolException($"The message ends inside {what} (offset {_position}, {count} bytes needed, {_data.Length - _position} left).");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
