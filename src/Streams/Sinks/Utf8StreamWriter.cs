using System.Text;

namespace Streams.Sinks;

/// <summary>
/// A buffered UTF-8 text writer over a stream that also takes text already encoded as UTF-8
/// (<see cref="IUtf8Writer"/>), in order with the rest: a state document is written once, as
/// UTF-8, and copied to standard output as it is, where a <see cref="StreamWriter"/> would need it
/// decoded into a string first and encoded back. Writes reach the stream when the buffer is full and
/// on <see cref="Flush"/>; not thread-safe (<see cref="BufferedLineWriter"/> in front of it is).
/// </summary>
public sealed class Utf8StreamWriter : TextWriter, IUtf8Writer
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    // Keeps the first half of a surrogate pair written on its own until the second comes.
    private readonly Encoder _encoder = Utf8.GetEncoder();
    private int _count;

    public Utf8StreamWriter(Stream stream, int bufferSize = 16 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 16);
        _stream = stream;
        _buffer = new byte[bufferSize];
        CoreNewLine = ['\n'];
    }

    public override Encoding Encoding => Utf8;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (true)
        {
            // At most 3 bytes per char (a surrogate pair is 2 chars for 4 bytes), plus a pending half.
            if (_buffer.Length - _count < 8)
            {
                WriteBuffer();
            }

            var room = _buffer.AsSpan(_count);
            var chars = Math.Min(buffer.Length, (room.Length - 4) / 3);
            _encoder.Convert(buffer[..chars], room, flush: false, out var used, out var written, out _);
            _count += written;
            buffer = buffer[used..];
            if (buffer.IsEmpty)
            {
                return;
            }
        }
    }

    /// <summary>Bytes that are UTF-8 already, after what was written before.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _buffer.Length - _count)
        {
            WriteBuffer();
            if (utf8.Length > _buffer.Length)
            {
                _stream.Write(utf8);
                return;
            }
        }

        utf8.CopyTo(_buffer.AsSpan(_count));
        _count += utf8.Length;
    }

    public override void Flush()
    {
        WriteBuffer();
        _stream.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void WriteBuffer()
    {
        if (_count > 0)
        {
            // Cleared first: a failing write (a closed pipe) must not send the same bytes again later.
            var count = _count;
            _count = 0;
            _stream.Write(_buffer, 0, count);
        }
    }
}
