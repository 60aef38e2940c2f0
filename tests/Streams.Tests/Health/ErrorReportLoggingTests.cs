using FluentAssertions;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Streams.Health;
using Xunit;

namespace Streams.Tests.Health;

public class ErrorReportLoggingTests
{
    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static (ILogger Log, CollectingSink Sink) NewLogger()
    {
        var sink = new CollectingSink();
        return (new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger(), sink);
    }

    [Fact]
    public void Failures_are_warnings_and_recovery_is_information_each_naming_the_pack()
    {
        var (log, sink) = NewLogger();

        ErrorReportLogging.Write(log, "pack1", new Failing("TimeoutException:no reply", "no reply: 1.5 s", 1));
        ErrorReportLogging.Write(log, "pack1", new StillFailing("TimeoutException:no reply", "no reply: 1.5 s", 360));
        ErrorReportLogging.Write(log, "pack1", new Recovered(361));

        sink.Events.Select(e => e.Level).Should().Equal(
            LogEventLevel.Warning, LogEventLevel.Warning, LogEventLevel.Information);
        sink.Events.Select(e => e.RenderMessage()).Should().Equal(
            "pack pack1: no reply: 1.5 s",
            "pack pack1: still failing (360 cycles): no reply: 1.5 s",
            "pack pack1: recovered after 361 failed cycle(s)");
    }
}
