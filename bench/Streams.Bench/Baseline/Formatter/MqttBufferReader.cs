using System.Buffers.Binary;
using System.Text;

namespace Streams.Bench.Baseline.Formatter;

/// <summary>
/// A cursor over one packet body. Every read checks the remaining length first and throws
/// <see cref="MqttProtocolViolationException"/> when the packet is shorter than its structure says.
/// </summary>
public ref struct MqttBufferReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public MqttBufferReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    public readonly bool EndOfData => _position == _data.Length;

    public byte ReadByte()
    {
        Require(1, "a byte");
        return _data[_position++];
    }

    public ushort ReadUInt16()
    {
        Require(2, "a two-byte integer");
        var value = BinaryPrimitives.ReadUInt16BigEndian(_data[_position..]);
        _position += 2;
        return value;
    }

    /// <summary>A length-prefixed MQTT UTF-8 string; ill-formed UTF-8 and U+0000 are violations (§1.5.3).</summary>
    public string ReadString(string what)
    {
        var bytes = ReadLengthPrefixed(what);
        string value;
        try
        {
            value = MqttStrings.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new MqttProtocolViolationException($"{what} is not well-formed UTF-8");
        }

        if (value.Contains('\0'))
        {
            throw new MqttProtocolViolationException($"{what} contains U+0000");
        }

        return value;
    }

    /// <summary>Length-prefixed binary data, copied into an owned array.</summary>
    public byte[] ReadBinary(string what) => ReadLengthPrefixed(what).ToArray();

    /// <summary>Everything left, copied into an owned array (a PUBLISH payload).</summary>
    public byte[] ReadRest()
    {
        var rest = _data[_position..].ToArray();
        _position = _data.Length;
        return rest;
    }

    /// <summary>Throws unless every byte was consumed: trailing bytes mean a malformed packet.</summary>
    public readonly void ExpectEnd(string packet)
    {
        if (!EndOfData)
        {
            throw new MqttProtocolViolationException($"{packet} has {Remaining} unexpected trailing byte(s)");
        }
    }

    private ReadOnlySpan<byte> ReadLengthPrefixed(string what)
    {
        var length = ReadUInt16();
        Require(length, what);
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    private readonly void Require(int count, string what)
    {
        if (Remaining < count)
        {
            throw new MqttProtocolViolationException($"packet ends early: needed {what} ({count} byte(s)) at offset {_position}, {Remaining} left");
        }
    }
}
