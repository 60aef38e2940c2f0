using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Sinks;
using Xunit;

namespace Streams.Tests.Sinks;

/// <summary>What the marble files do not show: a failing flush, and the console sink through the writer.</summary>
public class BufferedLineWriterTests
{
    private static readonly TimeSpan Within = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void A_scheduled_flush_that_fails_is_thrown_by_the_next_write_and_not_swallowed()
    {
        var scheduler = new HistoricalScheduler();
        var flushed = new List<string>();
        var inner = new SinkScenarios.FlushRecorder(flushed.Add) { FailNextFlush = new IOException("Broken pipe") };
        using var writer = new BufferedLineWriter(inner, Within, scheduler);

        writer.WriteLine("lost with the pipe");
        scheduler.AdvanceBy(Within);
        var next = () => writer.WriteLine("after");

        next.Should().Throw<IOException>().WithMessage("Broken pipe");
        flushed.Should().BeEmpty();
    }

    [Fact]
    public void The_console_sink_writes_topic_and_payload_lines_through_it_in_one_flush_per_burst()
    {
        var scheduler = new HistoricalScheduler();
        var flushed = new List<string>();
        var inner = new SinkScenarios.FlushRecorder(flushed.Add);
        using var writer = new BufferedLineWriter(inner, Within, scheduler);
        var sink = new ConsoleMessageSink(writer);

        sink.Publish(new OutboundMessage("streams/a/state", "{\"soc\":50}", retain: true));
        sink.Publish(new OutboundMessage("streams/a/availability", "online", retain: true));
        flushed.Should().BeEmpty("nothing is written before the flush is due");
        scheduler.AdvanceBy(Within);

        flushed.Should().Equal("streams/a/state {\"soc\":50}|streams/a/availability online");
        inner.Flushes.Should().Be(1);
    }

    [Fact]
    public void Flush_and_dispose_hand_on_what_waits_at_once()
    {
        var scheduler = new HistoricalScheduler();
        var flushed = new List<string>();
        var writer = new BufferedLineWriter(new SinkScenarios.FlushRecorder(flushed.Add), Within, scheduler);

        writer.WriteLine("one");
        writer.Flush();
        writer.WriteLine("two");
        writer.Dispose();

        flushed.Should().Equal("one", "two");
    }
}
