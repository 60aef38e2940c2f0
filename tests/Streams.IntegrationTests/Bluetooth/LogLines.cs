using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>A Serilog sink keeping every rendered line, and a wait for the first line that matches.</summary>
internal sealed class LogLines : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Wanted, TaskCompletionSource<string> Seen)> _waits = [];

    public ILogger Logger => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Emit(LogEvent logEvent)
    {
        var line = logEvent.RenderMessage();
        _lines.Enqueue(line);
        List<TaskCompletionSource<string>> matched;
        lock (_gate)
        {
            matched = [.. _waits.Where(w => w.Wanted(line)).Select(w => w.Seen)];
            _waits.RemoveAll(w => matched.Contains(w.Seen));
        }

        matched.ForEach(seen => seen.TrySetResult(line));
    }

    /// <summary>The first line (logged so far or later) containing <paramref name="text"/>.</summary>
    public Task<string> FirstAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waits.Add((line => line.Contains(text, StringComparison.Ordinal), seen));
        }

        if (_lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } already)
        {
            seen.TrySetResult(already);
        }

        return seen.Task.WaitAsync(timeout);
    }
}
