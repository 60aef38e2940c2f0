namespace Streams.Sources.DBus;

/// <summary>
/// Accumulates bytes from the socket and cuts them into messages. The caller receives into
/// <see cref="GetReceiveMemory"/>, reports the count with <see cref="Advance"/>, then drains
/// <see cref="TryReadMessage"/>. The buffer grows to fit one large message and shrinks back after.
/// </summary>
internal sealed class DBusMessageBuffer
{
    private const int DefaultSize = 64 * 1024;
    private byte[] _buffer = new byte[DefaultSize];
    private int _start;
    private int _end;

    public int Buffered => _end - _start;

    /// <summary>Space for the next receive; never empty.</summary>
    public Memory<byte> GetReceiveMemory()
    {
        Compact();
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        return _buffer.AsMemory(_end);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var target = GetReceiveMemory().Span;
            var count = Math.Min(target.Length, bytes.Length);
            bytes[..count].CopyTo(target);
            Advance(count);
            bytes = bytes[count..];
        }
    }

    /// <summary>
    /// The next complete message, or false when more bytes are needed. Throws
    /// <see cref="DBusProtocolException"/> for malformed input (the stream cannot be resynchronised).
    /// </summary>
    public bool TryReadMessage(out DBusMessage message)
    {
        message = null!;
        var available = _buffer.AsSpan(_start, _end - _start);
        if (!DBusMessageCodec.TryGetMessageLength(available, out var length))
        {
            return false;
        }

        if (length > available.Length)
        {
            EnsureCapacity(length);
            return false;
        }

        message = DBusMessageCodec.Decode(available[..length]);
        _start += length;
        if (_start == _end)
        {
            _start = _end = 0;
            if (_buffer.Length > DefaultSize)
            {
                _buffer = new byte[DefaultSize];
            }
        }

        return true;
    }

    private void EnsureCapacity(int messageLength)
    {
        if (messageLength <= _buffer.Length - _start)
        {
            return;
        }

        Compact();
        if (messageLength > _buffer.Length)
        {
            Array.Resize(ref _buffer, messageLength);
        }
    }

    private void Compact()
    {
        if (_start == 0)
        {
            return;
        }

        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
    }
}
