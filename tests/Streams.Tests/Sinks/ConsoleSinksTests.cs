using System.Text.Json;
using FluentAssertions;
using Streams.Sinks;
using Xunit;

namespace Streams.Tests.Sinks;

public sealed class ConsoleSinksTests
{
    [Fact]
    public void Lines_are_topic_space_payload()
    {
        var text = new StringWriter();

        new ConsoleMessageSink(text).Publish(new OutboundMessage("streams/p1/state", "{\"a\":1}", retain: true));

        text.ToString().Should().Be("streams/p1/state {\"a\":1}" + Environment.NewLine);
    }

    [Fact]
    public void Json_output_is_one_object_per_message_with_json_payloads_embedded()
    {
        var text = new StringWriter();
        var sink = new JsonMessageSink(new ConsoleOutput(text));

        sink.Publish(new OutboundMessage("streams/p1/state", "{\"temperature\":24.5,\"unit\":\"°C\"}", retain: true));
        sink.Publish(new OutboundMessage("streams/bridge/availability", "online", retain: false));

        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        using var state = JsonDocument.Parse(lines[0]);
        state.RootElement.GetProperty("topic").GetString().Should().Be("streams/p1/state");
        state.RootElement.GetProperty("retain").GetBoolean().Should().BeTrue();
        state.RootElement.GetProperty("payload").GetProperty("temperature").GetDouble().Should().Be(24.5);
        lines[0].Should().Contain("°C", "readable, not \\u00B0");
        using var availability = JsonDocument.Parse(lines[1]);
        availability.RootElement.GetProperty("payload").GetString().Should().Be("online");
    }

    [Fact]
    public void A_payload_that_only_looks_like_json_is_kept_as_a_string()
    {
        var line = JsonMessageSink.Line(new OutboundMessage("t", "{not json", retain: false));

        JsonDocument.Parse(line).RootElement.GetProperty("payload").GetString().Should().Be("{not json");
    }

    [Fact]
    public void A_closed_output_is_reported_once_and_nothing_more_is_written()
    {
        var closed = 0;
        var pipe = new BrokenPipeWriter(acceptLines: 1);
        var output = new ConsoleOutput(pipe, () => closed++);
        var sink = new ConsoleMessageSink(output);

        sink.Publish(new OutboundMessage("a", "1", retain: false));
        sink.Publish(new OutboundMessage("b", "2", retain: false));
        sink.Publish(new OutboundMessage("c", "3", retain: false));

        closed.Should().Be(1);
        output.IsClosed.Should().BeTrue();
        pipe.Attempts.Should().Be(2, "after the broken pipe the sink stops writing");
        pipe.Written.ToString().Should().Be("a 1" + Environment.NewLine);
    }

    /// <summary>
    /// Takes some lines, then fails any write like a pipe whose reader is gone (EPIPE). A line may
    /// come whole or in pieces (the console sink writes the topic, a space, then the payload).
    /// </summary>
    private sealed class BrokenPipeWriter(int acceptLines) : TextWriter
    {
        private int _lines;

        public StringWriter Written { get; } = new();

        /// <summary>Lines written, plus failed writes.</summary>
        public int Attempts { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            FailIfBroken();
            Written.Write(value);
        }

        public override void WriteLine(string? value)
        {
            FailIfBroken();
            Attempts++;
            _lines++;
            Written.WriteLine(value);
        }

        private void FailIfBroken()
        {
            if (_lines >= acceptLines)
            {
                Attempts++;
                throw new IOException("Broken pipe");
            }
        }
    }
}
