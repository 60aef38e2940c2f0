using System.Reactive.Linq;
using Streams.Transports.Serial;

namespace Streams.Transports.Capture;

/// <summary>
/// A serial link that records both directions into one capture file, in the order they crossed
/// the wire, so a poller's capture holds its queries too and replays through the sniffer exactly
/// as a listener on that bus would have heard it. A write is recorded just before it is sent, so
/// its reply can never come first.
/// </summary>
/// <remarks>
/// Meant for one subscriber to <see cref="Received"/> (the bus session); each subscriber records.
/// It does not own the link it wraps: disposing it closes only the capture file.
/// </remarks>
internal sealed class CapturingSerialLink : ISerialLink
{
    private readonly ISerialLink _inner;
    private readonly CaptureFileWriter _file;
    private readonly Action<CaptureFileException> _onFailure;
    private int _failed;

    /// <exception cref="CaptureFileException">The capture file cannot be opened.</exception>
    public CapturingSerialLink(ISerialLink inner, string path, Action<CaptureFileException> onFailure)
    {
        _inner = inner;
        _onFailure = onFailure;
        _file = CaptureFileWriter.Open(path, maxFileBytes: null);
    }

    public string Path => _inner.Path;

    public IObservable<ReadOnlyMemory<byte>> Received => _inner.Received.Do(chunk => Record(chunk.Span));

    public void Write(ReadOnlySpan<byte> data)
    {
        Record(data);
        _inner.Write(data);
    }

    public void Dispose() => _file.Dispose();

    private void Record(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _file.Write(bytes);
        }
        catch (CaptureFileException failure)
        {
            // Capturing is a diagnostic: a full disk stops it (said once), never the polling.
            if (Interlocked.Exchange(ref _failed, 1) == 0)
            {
                _onFailure(failure);
            }
        }
    }
}
