using System.Reactive.Concurrency;
using System.Text;

namespace Streams.Sinks;

/// <summary>
/// A thread-safe writer in front of a buffered stdout: what is written waits in the inner writer's
/// buffer and is flushed at most <c>within</c> after the first unflushed write (so a person watching
/// sees each line promptly), and on <see cref="Flush"/> and <see cref="IDisposable.Dispose"/> (nothing
/// is lost on exit). A console that flushes every line costs a write system call per message; this
/// costs one per burst (or per full buffer of the inner writer).
/// </summary>
/// <remarks>
/// The inner writer must not flush by itself (a <see cref="StreamWriter"/> with <c>AutoFlush</c> off).
/// A failure of a scheduled flush (stdout closed by its reader) is kept and thrown by the next write,
/// on the caller's thread, where the sink can act on it.
/// </remarks>
public sealed class BufferedLineWriter : TextWriter, IUtf8Writer
{
    private readonly TextWriter _inner;
    private readonly TimeSpan _within;
    private readonly IScheduler _scheduler;
    private readonly object _gate = new();
    private bool _flushScheduled;
    private Exception? _failure;

    public BufferedLineWriter(TextWriter inner, TimeSpan within, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(scheduler);
        _inner = inner;
        _within = within;
        _scheduler = scheduler;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            BeforeWrite();
            _inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            BeforeWrite();
            _inner.Write(value);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            BeforeWrite();
            _inner.Write(buffer);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            BeforeWrite();
            _inner.WriteLine(value);
        }
    }

    /// <summary>UTF-8 bytes as they are when the inner writer takes them (<see cref="Utf8StreamWriter"/>), else decoded.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        lock (_gate)
        {
            BeforeWrite();
            if (_inner is IUtf8Writer bytes)
            {
                bytes.WriteUtf8(utf8);
            }
            else
            {
                _inner.Write(Encoding.UTF8.GetString(utf8));
            }
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            ThrowPendingFailure();
            _inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                if (_failure is null)
                {
                    _inner.Flush();
                }
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Under the gate: a kept failure first, then the flush this write will need.</summary>
    private void BeforeWrite()
    {
        ThrowPendingFailure();
        if (!_flushScheduled)
        {
            _flushScheduled = true;
            _scheduler.Schedule(_within, ScheduledFlush);
        }
    }

    private void ScheduledFlush()
    {
        lock (_gate)
        {
            _flushScheduled = false;
            if (_failure is not null)
            {
                return;
            }

            try
            {
                _inner.Flush();
            }
            catch (Exception failure) when (failure is IOException or ObjectDisposedException)
            {
                _failure = failure;
            }
        }
    }

    private void ThrowPendingFailure()
    {
        if (_failure is { } failure)
        {
            throw new IOException(failure.Message, failure);
        }
    }
}
