using FluentAssertions;
using Serilog.Events;
using Streams.Sinks;
using Streams.Tests.HomeAssistant;
using Streams.Tests.Mqtt;
using Xunit;

namespace Streams.Tests.Sinks;

public class GuardedSinkTests
{
    [Fact]
    public void Passes_every_message_through_in_order()
    {
        var inner = new RecordingMessageSink();
        var sink = new GuardedSink(inner, Serilog.Core.Logger.None);

        sink.Publish(new OutboundMessage("a", "1", retain: true));
        sink.Publish(new OutboundMessage("b", "2", retain: false));

        inner.Messages.Should().Equal(new OutboundMessage("a", "1", true), new OutboundMessage("b", "2", false));
    }

    [Fact]
    public void A_failing_publish_is_logged_with_its_topic_and_the_next_message_still_goes_out()
    {
        var log = new CollectingSink();
        var inner = new FlakySink(failOn: "streams/bad");
        var sink = new GuardedSink(inner, log.CreateLogger());

        sink.Invoking(s => s.Publish(new OutboundMessage("streams/bad", "x", retain: true))).Should().NotThrow();
        sink.Publish(new OutboundMessage("streams/good", "y", retain: true));

        inner.Delivered.Should().Equal("streams/good");
        var error = log.Events.Should().ContainSingle(e => e.Level == LogEventLevel.Error).Which;
        error.RenderMessage().Should().Contain("streams/bad");
        error.Exception.Should().BeOfType<IOException>();
    }

    [Fact]
    public void A_payload_lent_for_the_call_reaches_a_sink_that_keeps_messages_in_an_array_of_its_own()
    {
        var inner = new RecordingMessageSink();
        var sink = new GuardedSink(inner, Serilog.Core.Logger.None);
        var buffer = "{\"v\":1}"u8.ToArray();

        sink.Publish("a", buffer, retain: true);
        "{\"v\":2}"u8.CopyTo(buffer);

        inner.Messages.Should().ContainSingle().Which.Should().Be(new OutboundMessage("a", "{\"v\":1}", retain: true));
    }

    [Fact]
    public void A_payload_lent_for_the_call_goes_as_it_is_to_a_sink_that_copies_it()
    {
        var output = new StringWriter();
        var sink = new GuardedSink(new ConsoleMessageSink(output), Serilog.Core.Logger.None);
        var buffer = "{\"v\":1}"u8.ToArray();

        sink.Publish("a", buffer, retain: true);
        "{\"v\":2}"u8.CopyTo(buffer);
        sink.Publish("a", buffer, retain: true);

        output.ToString().Should().Be("a {\"v\":1}" + output.NewLine + "a {\"v\":2}" + output.NewLine);
    }

    [Fact]
    public void Disposing_the_guard_disposes_what_it_wraps()
    {
        var inner = new FlakySink(failOn: "never");

        new GuardedSink(inner, Serilog.Core.Logger.None).Dispose();

        inner.Disposed.Should().BeTrue();
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var act = () => new GuardedSink(null!, Serilog.Core.Logger.None);

        act.Should().Throw<ArgumentNullException>();
    }

    private sealed class FlakySink(string failOn) : IMessageSink, IDisposable
    {
        public List<string> Delivered { get; } = [];

        public bool Disposed { get; private set; }

        public void Publish(OutboundMessage message)
        {
            if (message.Topic == failOn)
            {
                throw new IOException("broker rejected it");
            }

            Delivered.Add(message.Topic);
        }

        public void Dispose() => Disposed = true;
    }
}
