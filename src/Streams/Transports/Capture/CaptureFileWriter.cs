namespace Streams.Transports.Capture;

/// <summary>
/// Appends received bytes to a capture file. Nothing is buffered in memory: every chunk goes to the
/// operating system when written, so a crash loses nothing already received and months of capture
/// cost no memory. With a size limit the file is rotated to <c>path.1</c> (replacing the previous
/// one), so the disk use stays under twice the limit.
/// </summary>
internal sealed class CaptureFileWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly string _path;
    private readonly long? _maxFileBytes;
    private FileStream? _stream;

    private CaptureFileWriter(string path, long? maxFileBytes, FileStream stream)
    {
        _path = path;
        _maxFileBytes = maxFileBytes;
        _stream = stream;
    }

    /// <exception cref="CaptureFileException">The file cannot be opened for appending.</exception>
    public static CaptureFileWriter Open(string path, long? maxFileBytes) => new(path, maxFileBytes, OpenAppend(path));

    /// <exception cref="CaptureFileException">Writing or rotating failed; the writer is then closed.</exception>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            if (_stream is null)
            {
                return;
            }

            try
            {
                if (_maxFileBytes is { } max && _stream.Length > 0 && _stream.Length + bytes.Length > max)
                {
                    Rotate();
                }

                _stream.Write(bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                CloseStream();
                throw e as CaptureFileException ?? CaptureFileException.From(_path, "write", e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            CloseStream();
        }
    }

    private void Rotate()
    {
        CloseStream();
        File.Move(_path, _path + ".1", overwrite: true);
        _stream = OpenAppend(_path);
    }

    private void CloseStream()
    {
        _stream?.Dispose();
        _stream = null;
    }

    private static FileStream OpenAppend(string path)
    {
        try
        {
            // No FileStream buffer: each Write is one write(2), so the bytes are with the OS at once.
            return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw CaptureFileException.From(path, "open for append", e);
        }
    }
}
