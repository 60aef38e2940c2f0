using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Streams.App.Hosting;

/// <summary>
/// The console log while the live table owns the terminal: the latest lines, kept for the table to
/// show below itself. Once the table is gone (<see cref="Release"/>) lines go straight to the writer again.
/// </summary>
internal sealed class LogTail(ITextFormatter formatter, int capacity = 200) : ILogEventSink
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();
    private TextWriter? _released;

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter();
        formatter.Format(logEvent, text);
        lock (_gate)
        {
            if (_released is { } writer)
            {
                writer.Write(text.ToString());
                return;
            }

            foreach (var line in text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _lines.Enqueue(line.TrimEnd('\r'));
                if (_lines.Count > capacity)
                {
                    _lines.Dequeue();
                }
            }
        }
    }

    /// <summary>The newest <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        lock (_gate)
        {
            return [.. _lines.Skip(Math.Max(0, _lines.Count - count))];
        }
    }

    /// <summary>From now on every line goes to <paramref name="writer"/>.</summary>
    public void Release(TextWriter writer)
    {
        lock (_gate)
        {
            _released = writer;
        }
    }
}
