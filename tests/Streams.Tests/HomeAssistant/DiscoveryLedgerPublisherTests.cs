using System.Text.Json.Nodes;
using FluentAssertions;
using Streams.Sinks;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// The publisher's discovery ledger: what an earlier run of this bridge left is cleared, migrated or
/// stubbed out in Home Assistant's order; what other bridges published is never touched.
/// </summary>
public class DiscoveryLedgerPublisherTests
{
    private const string Pack1Config = "homeassistant/device/streams_pack1/config";

    [Fact]
    public void Rule10_configs_of_a_previous_run_that_are_no_longer_produced_are_cleared()
    {
        using var harness = new PublisherHarness(settled: false);
        harness.Link!.Connect();
        harness.Sink.Take();
        harness.Link.Receive(PublisherHarness.Index, """
            {"homeassistant/device/streams_gone/config":["sensor/pack_voltage"],
             "homeassistant/sensor/streams_jbd1/old_key/config":["sensor/old_key"],
             "homeassistant/device/streams_pack1/config":["sensor/pack_voltage","sensor/removed_key"],
             "homeassistant/sensor/other_bridge_x/v/config":["sensor/v"]}
            """, retain: true);

        var settled = harness.Sink.Take();
        settled.Should().Contain(new OutboundMessage("homeassistant/device/streams_gone/config", "", true), "this bridge's own index arrived: it settles at once");
        settled.Should().NotContain(m => m.Topic == "homeassistant/sensor/streams_jbd1/old_key/config", "jbd1 is configured but has not reported yet");
        settled.Should().NotContain(m => m.Topic.Contains("other_bridge"), "another bridge's node is not ours");
        JsonNode.Parse(harness.Sink.Retained[PublisherHarness.Index])!.AsObject()
            .Should().ContainKey("homeassistant/sensor/streams_jbd1/old_key/config").And.NotContainKey("homeassistant/device/streams_gone/config");

        harness.Publisher.Publish(HaReadings.Eg4());
        var stub = harness.Sink.Take().Single(m => m.Topic == Pack1Config);
        Components(stub.Payload)["removed_key"]!.ToJsonString().Should().Be("""{"p":"sensor"}""");

        harness.Advance(TimeSpan.FromSeconds(2));
        Components(harness.Sink.Retained[Pack1Config]).Should().NotContainKey("removed_key");

        harness.Publisher.Publish(HaReadings.Jbd());
        harness.Sink.Take().Should().Contain(new OutboundMessage("homeassistant/sensor/streams_jbd1/old_key/config", "", true));
        JsonNode.Parse(harness.Sink.Retained[PublisherHarness.Index])!.AsObject().Should().NotContainKey("homeassistant/sensor/streams_jbd1/old_key/config");
    }

    [Fact]
    public void Another_bridge_on_the_same_base_topic_keeps_its_devices()
    {
        // Issue 11 item 1: a second configuration (here: client id "laptop") on the broker of the first.
        using var harness = new PublisherHarness(settled: false);
        harness.Link!.Connect();
        harness.Link.Receive("streams/bridge/discovery/streams-pi", """{"homeassistant/device/streams_lifepower4_1/config":["sensor/pack_voltage"]}""", retain: true);
        harness.Advance(TimeSpan.FromSeconds(3));

        harness.Sink.Messages.Should().NotContain(m => m.Topic == "homeassistant/device/streams_lifepower4_1/config", "only this bridge's own index is ever cleaned up");
        JsonNode.Parse(harness.Sink.Retained[PublisherHarness.Index])!.AsObject().Should().NotContainKey("homeassistant/device/streams_lifepower4_1/config");
        harness.Link.Subscriptions.Should().Contain("streams/bridge/discovery/+");
    }

    [Fact]
    public void The_one_index_of_earlier_versions_reconciles_configured_devices_clears_no_other_and_is_cleared()
    {
        using var harness = new PublisherHarness(settled: false);
        harness.Link!.Connect();
        harness.Link.Receive("streams/bridge/discovery", """
            {"homeassistant/device/streams_lifepower4_1/config":["sensor/pack_voltage"],
             "homeassistant/sensor/streams_pack1/pack_voltage/config":["sensor/pack_voltage"]}
            """, retain: true);
        harness.Advance(TimeSpan.FromSeconds(3));
        harness.Publisher.Publish(HaReadings.Eg4());

        harness.Sink.Messages.Should().NotContain(m => m.Topic == "homeassistant/device/streams_lifepower4_1/config", "whose it was cannot be told");
        harness.Sink.Messages.Should().Contain(new OutboundMessage("homeassistant/sensor/streams_pack1/pack_voltage/config", """{"migrate_discovery":true}""", false));
        harness.Sink.Messages.Should().Contain(new OutboundMessage("streams/bridge/discovery", "", true), "read once into this bridge's own index, it is cleared");
        JsonNode.Parse(harness.Sink.Retained[PublisherHarness.Index])!.AsObject().Should().ContainKey(Pack1Config);
    }

    [Fact]
    public void Switching_to_device_discovery_sends_migrate_on_every_old_topic_then_the_device_config_then_clears_them()
    {
        using var harness = new PublisherHarness(settled: false);
        harness.Link!.Connect();

        // The first reading arrives before the earlier run's index: nothing may be announced yet.
        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Link.Receive(PublisherHarness.Index, """
            {"homeassistant/sensor/streams_pack1/pack_voltage/config":["sensor/pack_voltage"],
             "homeassistant/binary_sensor/streams_pack1/heater/config":["binary_sensor/heater"]}
            """, retain: true);
        var topics = harness.Sink.Take().Select(m => (m.Topic, m.Payload)).ToList();
        harness.Advance(TimeSpan.FromSeconds(2));
        var later = harness.Sink.Take();

        var migrates = new[] { "homeassistant/sensor/streams_pack1/pack_voltage/config", "homeassistant/binary_sensor/streams_pack1/heater/config" }
            .Select(topic => topics.IndexOf((topic, """{"migrate_discovery":true}"""))).ToList();
        migrates.Should().OnlyContain(i => i >= 0);
        topics.FindIndex(t => t.Topic == Pack1Config).Should().BeGreaterThan(migrates.Max(), "the device config comes after migrate_discovery on every old topic");
        topics.Count(t => t.Topic == Pack1Config).Should().Be(1);
        later.Should().Contain(new OutboundMessage("homeassistant/sensor/streams_pack1/pack_voltage/config", "", true))
            .And.Contain(new OutboundMessage("homeassistant/binary_sensor/streams_pack1/heater/config", "", true))
            .And.NotContain(m => m.Topic == Pack1Config, "nothing to stub out");
    }

    [Fact]
    public void A_device_config_the_broker_refuses_moves_the_device_to_per_entity_discovery_in_rollback_order()
    {
        var rejected = new System.Reactive.Subjects.Subject<string>();
        using var harness = new PublisherHarness(rejected: rejected);
        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Sink.Take();

        rejected.OnNext(Pack1Config);
        var moved = harness.Sink.Take();
        harness.Advance(TimeSpan.FromSeconds(2));

        moved[0].Should().Be(new OutboundMessage(Pack1Config, """{"migrate_discovery":true}""", false), "Home Assistant unloads what an older device config set up, keeping the entities");
        moved.Should().Contain(m => m.Topic == "homeassistant/sensor/streams_pack1/pack_voltage/config" && m.Retain)
            .And.HaveCount(HaReadings.Eg4().Fields.Count + 2, "migrate, one config per entity, the index");
        harness.Sink.Take().Should().Equal(new OutboundMessage(Pack1Config, "", true));
        JsonNode.Parse(harness.Sink.Retained[PublisherHarness.Index])!.AsObject().Should().NotContainKey(Pack1Config);

        harness.Link!.Disconnect();
        harness.Link.Connect();
        harness.Sink.Take().Should().NotContain(m => m.Topic == Pack1Config, "the device stays per-entity for the run");
    }

    private static JsonObject Components(string payload) => JsonNode.Parse(payload)!["cmps"]!.AsObject();
}
