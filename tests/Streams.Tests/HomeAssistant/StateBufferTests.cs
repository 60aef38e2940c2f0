using System.Reactive.Concurrency;
using System.Text.Json.Nodes;
using FluentAssertions;
using Streams.HomeAssistant;
using Streams.Sinks;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// A device's state is written into the same buffer for every reading: a sink that keeps messages
/// (the broker) must still hold each reading's own state, and the console must print each as it was.
/// </summary>
public class StateBufferTests
{
    private const string StateTopic = "streams/pack1/state";

    [Fact]
    public void A_sink_that_keeps_messages_keeps_each_readings_own_state()
    {
        using var harness = new PublisherHarness();

        harness.Publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon));
        harness.Publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon.AddSeconds(10)));
        harness.Publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon.AddSeconds(20)));

        var states = harness.Sink.Take().Where(m => m.Topic == StateTopic).ToList();
        states.Select(m => Timestamp(m.Payload)).Should().Equal("2026-01-02T12:00:00Z", "2026-01-02T12:00:10Z", "2026-01-02T12:00:20Z");
        states[0].Utf8Payload.Should().NotBeSameAs(states[1].Utf8Payload);
    }

    [Fact]
    public void A_republished_state_is_the_latest_and_stays_so_after_the_next_reading()
    {
        using var harness = new PublisherHarness();
        harness.Publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon));
        harness.Publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon.AddSeconds(10)));
        harness.Sink.Take();

        harness.Link!.Connect();
        harness.Publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon.AddSeconds(20)));

        var states = harness.Sink.Take().Where(m => m.Topic == StateTopic).ToList();
        states.Select(m => Timestamp(m.Payload)).Should().Equal("2026-01-02T12:00:10Z", "2026-01-02T12:00:20Z");
    }

    [Fact]
    public void The_console_prints_each_readings_own_state()
    {
        var output = new StringWriter();
        var options = new HomeAssistantOptions { DiscoveryPrefix = "homeassistant", BaseTopic = "streams" };
        using (var publisher = new HomeAssistantPublisher(options, new ConsoleMessageSink(output), ImmediateScheduler.Instance, PublisherHarness.Logger))
        {
            publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon));
            publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon.AddSeconds(10)));
        }

        var states = output.ToString().Split('\n').Where(l => l.StartsWith(StateTopic + " ", StringComparison.Ordinal)).ToList();
        states.Select(l => Timestamp(l[(StateTopic.Length + 1)..])).Should().Equal("2026-01-02T12:00:00Z", "2026-01-02T12:00:10Z");
        states[0][(StateTopic.Length + 1)..].Should().Be(StatePayload.Build(HaReadings.Eg4(at: HaReadings.Noon), HaReadings.Eg4().Fields.Select(f => f.Spec).ToList()));
    }

    private static string Timestamp(string payload) => JsonNode.Parse(payload)!["timestamp"]!.GetValue<string>();
}
