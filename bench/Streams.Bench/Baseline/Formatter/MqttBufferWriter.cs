using System.Buffers.Binary;

namespace Streams.Bench.Baseline.Formatter;

/// <summary>
/// A reusable, growable byte buffer for encoding one packet at a time. The body is written after
/// five reserved bytes so that the fixed header (type byte + 1..4 byte Remaining Length) can be
/// placed right-aligned in front of it once the length is known: no second copy of the body.
/// The buffer keeps its size between packets, and shrinks back after an unusually big one so a
/// single large discovery payload does not pin memory for months.
/// </summary>
public sealed class MqttBufferWriter
{
    /// <summary>Largest Remaining Length MQTT can express in four bytes (§2.2.3).</summary>
    public const int MaxRemainingLength = 268_435_455;

    private const int HeaderReserve = 5;
    private readonly int _retainedCapacity;
    private byte[] _buffer;
    private int _position = HeaderReserve;

    public MqttBufferWriter(int initialCapacity = 256, int retainedCapacity = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, HeaderReserve + 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedCapacity, initialCapacity);
        _retainedCapacity = retainedCapacity;
        _buffer = new byte[initialCapacity];
    }

    /// <summary>Bytes of body written since the last <see cref="Reset"/>.</summary>
    public int BodyLength => _position - HeaderReserve;

    public int Capacity => _buffer.Length;

    /// <summary>Starts a new packet; shrinks the buffer when the previous packet made it unusually large.</summary>
    public void Reset()
    {
        if (_buffer.Length > _retainedCapacity)
        {
            _buffer = new byte[_retainedCapacity];
        }

        _position = HeaderReserve;
    }

    public void WriteByte(byte value)
    {
        EnsureRoom(1);
        _buffer[_position++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        EnsureRoom(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_position), value);
        _position += 2;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureRoom(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    /// <summary>A length-prefixed MQTT UTF-8 string; rejects what §1.5.3 forbids.</summary>
    public void WriteString(string value, string what)
    {
        var problem = MqttStrings.Problem(value, what);
        if (problem is not null)
        {
            throw new MqttProtocolViolationException(problem);
        }

        var byteCount = MqttStrings.StrictUtf8.GetByteCount(value);
        EnsureRoom(2 + byteCount);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_position), (ushort)byteCount);
        MqttStrings.StrictUtf8.GetBytes(value, _buffer.AsSpan(_position + 2));
        _position += 2 + byteCount;
    }

    /// <summary>Length-prefixed binary data (will payload, password).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value, string what)
    {
        if (value.Length > MqttStrings.MaxByteCount)
        {
            throw new MqttProtocolViolationException($"{what} is {value.Length} bytes; MQTT allows at most {MqttStrings.MaxByteCount}");
        }

        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    /// <summary>
    /// Puts the fixed header in front of the body written since <see cref="Reset"/> and returns the
    /// whole packet. The memory is valid until the next <see cref="Reset"/>.
    /// </summary>
    public ReadOnlyMemory<byte> Complete(byte firstHeaderByte)
    {
        var remaining = BodyLength;
        if (remaining > MaxRemainingLength)
        {
            throw new MqttProtocolViolationException($"packet body is {remaining} bytes; MQTT allows at most {MaxRemainingLength}");
        }

        Span<byte> length = stackalloc byte[4];
        var lengthBytes = MqttRemainingLength.Encode(remaining, length);
        var start = HeaderReserve - 1 - lengthBytes;
        _buffer[start] = firstHeaderByte;
        length[..lengthBytes].CopyTo(_buffer.AsSpan(start + 1));
        return _buffer.AsMemory(start, _position - start);
    }

    private void EnsureRoom(int count)
    {
        if (_buffer.Length - _position >= count)
        {
            return;
        }

        var needed = (long)_position + count;
        if (needed > HeaderReserve + (long)MaxRemainingLength)
        {
            throw new MqttProtocolViolationException($"packet body would exceed {MaxRemainingLength} bytes");
        }

        var newSize = (int)Math.Min(Math.Max(needed, _buffer.Length * 2L), Array.MaxLength);
        Array.Resize(ref _buffer, newSize);
    }
}
