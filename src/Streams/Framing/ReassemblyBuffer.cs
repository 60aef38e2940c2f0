namespace Streams.Framing;

/// <summary>
/// The bytes a framing operator holds between chunks: a fixed array, filled at the end and consumed
/// at the front, compacted when the end is reached. Never grows.
/// </summary>
internal sealed class ReassemblyBuffer(int capacity)
{
    private readonly byte[] _data = new byte[capacity];
    private int _start;
    private int _end;

    public int Count => _end - _start;

    public int Free => _data.Length - Count;

    public ReadOnlySpan<byte> Span => _data.AsSpan(_start, _end - _start);

    /// <summary>Appends <paramref name="bytes"/>; the caller keeps it within <see cref="Free"/>.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_end + bytes.Length > _data.Length)
        {
            Span.CopyTo(_data);
            _end = Count;
            _start = 0;
        }

        bytes.CopyTo(_data.AsSpan(_end));
        _end += bytes.Length;
    }

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
        {
            _start = 0;
            _end = 0;
        }
    }
}
