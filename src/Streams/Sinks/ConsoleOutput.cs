using System.Text;

namespace Streams.Sinks;

/// <summary>
/// Whole lines to the console's standard output, from any thread. When the reader of a pipe goes
/// away (<c>streams … | head -1</c>: the write fails with EPIPE) it reports that once through
/// <c>closed</c> and drops what follows, so the run can end instead of writing into nothing.
/// </summary>
public sealed class ConsoleOutput(TextWriter writer, Action? closed = null)
{
    private readonly Lock _gate = new();
    private bool _closed;

    /// <summary>True once a write found the output closed.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    public void WriteLine(string line) => WriteLine(line, (string?)null);

    /// <summary>
    /// <c>first second</c> as one line, without building it as a string first (a state line is
    /// ~3 KB, one per reading).
    /// </summary>
    public void WriteLine(string first, string? second) => WriteLine(first, second, default);

    /// <summary><c>first second</c> as one line, the second already UTF-8 (a state document): copied as it is when the writer takes bytes.</summary>
    public void WriteLine(string first, ReadOnlySpan<byte> secondUtf8) => WriteLine(first, null, secondUtf8);

    private void WriteLine(string first, string? second, ReadOnlySpan<byte> secondUtf8)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            try
            {
                if (second is not null)
                {
                    writer.Write(first);
                    writer.Write(' ');
                    writer.WriteLine(second);
                }
                else if (!secondUtf8.IsEmpty)
                {
                    writer.Write(first);
                    writer.Write(' ');
                    if (writer is IUtf8Writer bytes)
                    {
                        bytes.WriteUtf8(secondUtf8);
                        writer.WriteLine();
                    }
                    else
                    {
                        writer.WriteLine(Encoding.UTF8.GetString(secondUtf8));
                    }
                }
                else
                {
                    writer.WriteLine(first);
                }

                return;
            }
            catch (IOException)
            {
                _closed = true;
            }
            catch (ObjectDisposedException)
            {
                _closed = true;
            }
        }

        // Outside the lock: the callback stops the run, which may write once more (and is dropped).
        closed?.Invoke();
    }
}
