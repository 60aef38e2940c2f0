using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Streams.Tests.Derived;

/// <summary>A logger whose events are kept for assertions.</summary>
internal sealed class LogCapture : ILogEventSink
{
    public LogCapture()
    {
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
    }

    public ILogger Logger { get; }

    public List<LogEvent> Events { get; } = [];

    public IEnumerable<string> Lines(LogEventLevel level) => Events.Where(e => e.Level == level).Select(e => e.RenderMessage());

    public void Emit(LogEvent logEvent) => Events.Add(logEvent);
}
