using System.Reactive.Concurrency;
using Microsoft.Win32.SafeHandles;
using Streams.Sinks;

namespace Streams.App.Hosting;

/// <summary>
/// Standard output for the console sinks, written through its file descriptor rather than
/// <see cref="Console.Out"/>: .NET's console stream swallows EPIPE, so a run piped into
/// <c>head -1</c> would write into nothing forever. Here a closed pipe fails a write (or the flush
/// before it), and <see cref="Lines"/> reports it. Buffered: one write per burst of messages
/// instead of one per line, flushed within 100 ms and on disposal.
/// </summary>
internal sealed class StandardOutput : IDisposable
{
    private const int Descriptor = 1;
    private static readonly TimeSpan FlushWithin = TimeSpan.FromMilliseconds(100);

    private readonly BufferedLineWriter _buffered;

    private StandardOutput(TextWriter writer, Action closed)
    {
        _buffered = new BufferedLineWriter(writer, FlushWithin, DefaultScheduler.Instance);
        Lines = new ConsoleOutput(_buffered, closed);
    }

    public ConsoleOutput Lines { get; }

    public static StandardOutput Open(Action closed)
    {
        TextWriter writer;
        try
        {
            var stream = new FileStream(new SafeFileHandle(Descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            writer = new Utf8StreamWriter(stream);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // No usable descriptor 1 (started with stdout closed): the console's writer copes.
            writer = Console.Out;
        }

        return new StandardOutput(writer, closed);
    }

    /// <summary>Flushes what is buffered: nothing printed is lost on exit (unless the reader is gone).</summary>
    public void Dispose()
    {
        try
        {
            _buffered.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The reader went away: what is left has nobody to read it.
        }
    }
}
