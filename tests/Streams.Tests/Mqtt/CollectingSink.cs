using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Streams.Tests.Mqtt;

/// <summary>Keeps every log event so tests can check what was logged and how often.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public ILogger CreateLogger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }

    public IEnumerable<string> Messages(LogEventLevel level) => Events.Where(e => e.Level == level).Select(e => e.RenderMessage());
}
