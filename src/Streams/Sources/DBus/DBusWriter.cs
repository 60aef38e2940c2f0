using System.Buffers.Binary;
using System.Text;

namespace Streams.Sources.DBus;

/// <summary>
/// Marshals values into a growable buffer whose offset 0 is the start of the message, so that
/// alignment padding comes out right. Writes little-endian unless asked otherwise (big-endian
/// output exists so that the reader's big-endian path can be tested against it).
/// </summary>
internal sealed class DBusWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly bool _bigEndian;
    private byte[] _buffer;
    private int _length;

    public DBusWriter(int capacity = 256, bool bigEndian = false)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
        _bigEndian = bigEndian;
    }

    public int Position => _length;

    public bool BigEndian => _bigEndian;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => Written.ToArray();

    public void Align(int alignment)
    {
        var padding = Padding(_length, alignment);
        Grab(padding).Clear();
    }

    public void WriteByte(byte value) => Grab(1)[0] = value;

    public void WriteBoolean(bool value) => WriteUInt32(value ? 1u : 0u);

    public void WriteInt16(short value)
    {
        Align(2);
        var span = Grab(2);
        if (_bigEndian) BinaryPrimitives.WriteInt16BigEndian(span, value); else BinaryPrimitives.WriteInt16LittleEndian(span, value);
    }

    public void WriteUInt16(ushort value)
    {
        Align(2);
        var span = Grab(2);
        if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(span, value); else BinaryPrimitives.WriteUInt16LittleEndian(span, value);
    }

    public void WriteInt32(int value)
    {
        Align(4);
        var span = Grab(4);
        if (_bigEndian) BinaryPrimitives.WriteInt32BigEndian(span, value); else BinaryPrimitives.WriteInt32LittleEndian(span, value);
    }

    public void WriteUInt32(uint value)
    {
        Align(4);
        var span = Grab(4);
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(span, value); else BinaryPrimitives.WriteUInt32LittleEndian(span, value);
    }

    public void WriteInt64(long value)
    {
        Align(8);
        var span = Grab(8);
        if (_bigEndian) BinaryPrimitives.WriteInt64BigEndian(span, value); else BinaryPrimitives.WriteInt64LittleEndian(span, value);
    }

    public void WriteUInt64(ulong value)
    {
        Align(8);
        var span = Grab(8);
        if (_bigEndian) BinaryPrimitives.WriteUInt64BigEndian(span, value); else BinaryPrimitives.WriteUInt64LittleEndian(span, value);
    }

    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>STRING and OBJECT_PATH: UINT32 byte length, UTF-8 bytes, NUL.</summary>
    public void WriteString(string value)
    {
        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("A D-Bus string must be well-formed UTF-16 (no lone surrogates).", nameof(value));
        }

        WriteUInt32((uint)byteCount);
        var span = Grab(byteCount + 1);
        StrictUtf8.GetBytes(value, span);
        span[byteCount] = 0;
    }

    /// <summary>SIGNATURE: BYTE length, ASCII, NUL.</summary>
    public void WriteSignature(string signature)
    {
        if (signature.Length > DBusSignature.MaxLength)
        {
            throw new ArgumentException($"A D-Bus signature has at most {DBusSignature.MaxLength} characters; '{signature}' has {signature.Length}.");
        }

        WriteByte((byte)signature.Length);
        var span = Grab(signature.Length + 1);
        for (var i = 0; i < signature.Length; i++)
        {
            span[i] = (byte)signature[i];
        }

        span[^1] = 0;
    }

    /// <summary>Writes the length placeholder and the element padding (present even when the array stays empty).</summary>
    public ArrayMark BeginArray(int elementAlignment)
    {
        WriteUInt32(0);
        var lengthOffset = _length - 4;
        Align(elementAlignment);
        return new ArrayMark(lengthOffset, _length);
    }

    public void EndArray(ArrayMark mark)
    {
        var length = _length - mark.Start;
        if (length > DBusLimits.MaxArrayLength)
        {
            throw new ArgumentException($"A D-Bus array holds at most {DBusLimits.MaxArrayLength} bytes; this one has {length}.");
        }

        PatchUInt32(mark.LengthOffset, (uint)length);
    }

    public void PatchUInt32(int offset, uint value)
    {
        var span = _buffer.AsSpan(offset, 4);
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(span, value); else BinaryPrimitives.WriteUInt32LittleEndian(span, value);
    }

    public void WriteValue(DBusValue value) => WriteValue(value, 0);

    public static int Padding(int position, int alignment) => (alignment - (position & (alignment - 1))) & (alignment - 1);

    private void WriteValue(DBusValue value, int depth)
    {
        switch (value)
        {
            case DBusByte v: WriteByte(v.Value); break;
            case DBusBoolean v: WriteBoolean(v.Value); break;
            case DBusInt16 v: WriteInt16(v.Value); break;
            case DBusUInt16 v: WriteUInt16(v.Value); break;
            case DBusInt32 v: WriteInt32(v.Value); break;
            case DBusUInt32 v: WriteUInt32(v.Value); break;
            case DBusInt64 v: WriteInt64(v.Value); break;
            case DBusUInt64 v: WriteUInt64(v.Value); break;
            case DBusDouble v: WriteDouble(v.Value); break;
            case DBusUnixFd v: WriteUInt32(v.Value); break;
            case DBusString v: WriteString(v.Value); break;
            case DBusObjectPath v: WriteString(v.Value); break;
            case DBusSignatureValue v: WriteSignature(v.Value); break;
            case DBusVariant v:
                Enter(ref depth);
                WriteSignature(v.Value.Type.Signature);
                WriteValue(v.Value, depth);
                break;
            case DBusByteArray v:
                Enter(ref depth);
                var bytes = BeginArray(1);
                v.Value.Span.CopyTo(Grab(v.Value.Length));
                EndArray(bytes);
                break;
            case DBusArray v:
                Enter(ref depth);
                var array = BeginArray(v.ElementType.Alignment);
                foreach (var item in v.Items)
                {
                    WriteValue(item, depth);
                }

                EndArray(array);
                break;
            case DBusDictionary v:
                Enter(ref depth);
                var entries = BeginArray(8);
                Enter(ref depth);
                foreach (var (key, entryValue) in v.Entries)
                {
                    Align(8);
                    WriteValue(key, depth);
                    WriteValue(entryValue, depth);
                }

                EndArray(entries);
                break;
            case DBusStruct v:
                Enter(ref depth);
                Align(8);
                foreach (var field in v.Fields)
                {
                    WriteValue(field, depth);
                }

                break;
            case null:
                throw new ArgumentException("A D-Bus value cannot be null.", nameof(value));
            default:
                throw new ArgumentException($"Cannot marshal {value.GetType().Name}.", nameof(value));
        }
    }

    private static void Enter(ref int depth)
    {
        if (++depth > DBusLimits.MaxContainerDepth)
        {
            throw new ArgumentException($"A D-Bus value may be nested in at most {DBusLimits.MaxContainerDepth} containers.");
        }
    }

    private Span<byte> Grab(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var size = Math.Max(_buffer.Length * 2, _length + count);
            Array.Resize(ref _buffer, size);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public readonly record struct ArrayMark(int LengthOffset, int Start);
}
