namespace Streams.Transports.Esphome.Framing;

/// <summary>Bytes received and not yet framed: appended at the end, consumed from the front.</summary>
internal sealed class ByteQueue
{
    private byte[] _bytes = new byte[4096];
    private int _start;
    private int _count;

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(_start, _count);

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (_start + _count + chunk.Length > _bytes.Length)
        {
            var grown = _count + chunk.Length > _bytes.Length ? new byte[Math.Max(_bytes.Length * 2, _count + chunk.Length)] : _bytes;
            Array.Copy(_bytes, _start, grown, 0, _count);
            _bytes = grown;
            _start = 0;
        }

        chunk.CopyTo(_bytes.AsSpan(_start + _count));
        _count += chunk.Length;
    }

    public void Consume(int length)
    {
        _start += length;
        _count -= length;
        if (_count == 0)
        {
            _start = 0;
        }
    }
}
