using System.Text.Json.Nodes;
using FluentAssertions;
using Streams.Core;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;
using Streams.Sinks;
using Xunit;

namespace Streams.Tests.HomeAssistant;

public class HomeAssistantPublisherTests
{
    private const string Pack1Config = "homeassistant/device/streams_pack1/config";
    private const string Jbd1Config = "homeassistant/device/streams_jbd1/config";

    [Fact]
    public void First_reading_publishes_discovery_then_availability_then_state()
    {
        using var harness = new PublisherHarness();
        harness.Publisher.Publish(HaReadings.Eg4());

        harness.Sink.Take().Select(m => m.Topic).Should().Equal(Pack1Config, "streams/pack1/availability", "streams/pack1/state");
    }

    [Fact]
    public void Later_readings_publish_only_the_state_until_the_identity_changes()
    {
        using var harness = new PublisherHarness();
        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Sink.Take();

        harness.Publisher.Publish(HaReadings.Eg4(at: HaReadings.Noon.AddSeconds(10)));
        harness.Sink.Take().Select(m => m.Topic).Should().Equal("streams/pack1/state");

        harness.Publisher.Publish(HaReadings.Eg4(device: HaReadings.Eg4Device(firmware: "Z02T05")));
        var messages = harness.Sink.Take();
        messages.Select(m => m.Topic).Should().Equal(Pack1Config, "streams/pack1/state");
        JsonNode.Parse(messages[0].Payload)!["dev"]!["sw"]!.GetValue<string>().Should().Be("Z02T05");
    }

    [Fact]
    public void A_field_seen_later_is_announced_and_missing_fields_are_null_in_the_state()
    {
        using var harness = new PublisherHarness();
        harness.Publisher.Publish(HaReadings.Jbd(withCells: false));
        Components(harness.Sink.Retained[Jbd1Config]).Should().NotContainKey("cell_01_voltage");

        harness.Publisher.Publish(HaReadings.Jbd());
        Components(harness.Sink.Retained[Jbd1Config]).Should().ContainKey("cell_01_voltage");

        harness.Publisher.Publish(HaReadings.Jbd(withCells: false));
        var state = JsonNode.Parse(harness.Sink.Retained["streams/jbd1/state"])!.AsObject();
        state.Should().ContainKey("cell_01_voltage");
        state["cell_01_voltage"].Should().BeNull();
    }

    [Fact]
    public void Device_layout_is_the_default_and_entity_layout_writes_one_topic_per_entity()
    {
        new HomeAssistantOptions { DiscoveryPrefix = "p", BaseTopic = "b" }.Layout.Should().Be(DiscoveryLayout.Device);

        using var harness = new PublisherHarness(DiscoveryLayout.Entity);
        harness.Publisher.Publish(HaReadings.Eg4());
        var configs = harness.Sink.Retained.Keys.Where(t => t.EndsWith("/config", StringComparison.Ordinal)).ToList();
        configs.Should().Contain("homeassistant/sensor/streams_pack1/pack_voltage/config")
            .And.Contain("homeassistant/binary_sensor/streams_pack1/heater/config")
            .And.NotContain(t => t.Contains("/device/"));
        configs.Should().HaveCount(HaReadings.Eg4().Fields.Count);
    }

    [Fact]
    public void Entities_follow_the_field_kinds()
    {
        using var harness = new PublisherHarness();
        harness.Publisher.Publish(HaReadings.Eg4());
        var cmps = Components(harness.Sink.Retained[Pack1Config]);

        cmps["pack_voltage"]!.ToJsonString().Should().Be(
            """{"p":"sensor","name":"Voltage","uniq_id":"streams_pack1_pack_voltage","default_entity_id":"sensor.streams_pack1_pack_voltage","val_tpl":"{{ value_json.pack_voltage }}","dev_cla":"voltage","stat_cla":"measurement","unit_of_meas":"V","sug_dsp_prc":2,"exp_aft":30}""");
        cmps["temperature_pcb"]!["unit_of_meas"]!.GetValue<string>().Should().Be("°C");
        cmps["status"]!.AsObject().Should().NotContainKey("stat_cla").And.NotContainKey("unit_of_meas").And.ContainKey("exp_aft");
        cmps["status"]!["p"]!.GetValue<string>().Should().Be("sensor");
        cmps["protection_cell_overvoltage"]!["p"]!.GetValue<string>().Should().Be("binary_sensor");
        cmps["protection_cell_overvoltage"]!["dev_cla"]!.GetValue<string>().Should().Be("problem");
        cmps["protection_cell_overvoltage"]!["ent_cat"]!.GetValue<string>().Should().Be("diagnostic");
        cmps["heater"]!["p"]!.GetValue<string>().Should().Be("binary_sensor");
        cmps["heater"]!.AsObject().Should().NotContainKey("dev_cla");
        cmps["register_00"]!["en"]!.GetValue<bool>().Should().BeFalse();
        cmps["register_00"]!["ent_cat"]!.GetValue<string>().Should().Be("diagnostic");
        cmps["cycles"]!["stat_cla"]!.GetValue<string>().Should().Be("total_increasing");
    }

    [Fact]
    public void Device_block_carries_identity_and_hangs_under_the_bridge_device()
    {
        using var harness = new PublisherHarness().Populated();
        var root = JsonNode.Parse(harness.Sink.Retained[Pack1Config])!;

        root["dev"]!.ToJsonString().Should().Be(
            """{"ids":["streams_pack1"],"name":"pack1","mf":"EG4 Electronics","mdl":"LifePower4 v2","sw":"Z02T04","sn":"2023-10-01-0042","via_device":"streams_bridge"}""");
        root["stat_t"]!.GetValue<string>().Should().Be("streams/pack1/state");
        root["avty_mode"]!.GetValue<string>().Should().Be("all");
        root["avty"]!.ToJsonString().Should().Be("""[{"t":"streams/bridge/availability"},{"t":"streams/pack1/availability"}]""");
        root["o"]!["name"]!.GetValue<string>().Should().Be("streams");

        var bridge = JsonNode.Parse(harness.Sink.Retained["homeassistant/device/streams_bridge/config"])!;
        bridge["dev"]!["ids"]![0]!.GetValue<string>().Should().Be("streams_bridge");
        bridge["dev"]!.AsObject().Should().NotContainKey("via_device");
        bridge.AsObject().Should().NotContainKey("avty");
        bridge["cmps"]!["connectivity"]!["dev_cla"]!.GetValue<string>().Should().Be("connectivity");
        bridge["cmps"]!["connectivity"]!["stat_t"]!.GetValue<string>().Should().Be("streams/bridge/availability");
    }

    [Fact]
    public void Expire_after_is_three_poll_intervals_of_the_device()
    {
        var options = new HomeAssistantOptions
        {
            DiscoveryPrefix = "homeassistant",
            BaseTopic = "streams",
            Devices = new Dictionary<string, DeviceSettings> { ["pack1"] = new(TimeSpan.FromSeconds(2.5)) },
        };
        using var harness = new PublisherHarness(options: options);
        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Publisher.Publish(HaReadings.Eg4("other"));

        Components(harness.Sink.Retained[Pack1Config])["pack_voltage"]!["exp_aft"]!.GetValue<int>().Should().Be(8);
        Components(harness.Sink.Retained["homeassistant/device/streams_other/config"])["pack_voltage"]!["exp_aft"]!.GetValue<int>()
            .Should().Be(180, "an unconfigured device gets the 60 s default poll interval");
    }

    [Fact]
    public void Mosfet_switches_only_for_a_device_that_offers_them()
    {
        using var allowed = new PublisherHarness(allowControl: true);
        allowed.Publisher.Publish(HaReadings.Jbd());
        var switchConfig = Components(allowed.Sink.Retained[Jbd1Config])["charge_mosfet"]!;
        switchConfig["p"]!.GetValue<string>().Should().Be("switch");
        switchConfig["name"]!.GetValue<string>().Should().Be("Charge MOSFET", "the name the device gave its switch");
        switchConfig["cmd_t"]!.GetValue<string>().Should().Be("streams/jbd1/charge_mosfet/set");
        switchConfig["qos"]!.GetValue<int>().Should().Be(1);
        switchConfig["ret"]!.GetValue<bool>().Should().BeFalse();
        allowed.Link!.Subscriptions.Should().Contain("streams/+/+/set");

        using var readOnly = new PublisherHarness(allowControl: false);
        readOnly.Publisher.Publish(HaReadings.Jbd());
        Components(readOnly.Sink.Retained[Jbd1Config])["charge_mosfet"]!["p"]!.GetValue<string>().Should().Be("binary_sensor");
        readOnly.Link!.Subscriptions.Should().NotContain("streams/+/+/set");
    }

    [Fact]
    public void Every_connect_announces_online_discovery_and_the_latest_states()
    {
        using var harness = new PublisherHarness();
        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Sink.Take();

        harness.Link!.Connect();
        harness.Sink.Take().Select(m => m.Topic).Should().Equal(
            "streams/bridge/availability", "homeassistant/device/streams_bridge/config", Pack1Config, "streams/pack1/availability", "streams/pack1/state");

        harness.Link.Disconnect();
        harness.Link.Connect();
        harness.Sink.Take().Select(m => m.Topic).Should().StartWith(["streams/bridge/availability", "homeassistant/device/streams_bridge/config", Pack1Config]);
    }

    [Fact]
    public void Home_assistant_birth_republishes_discovery_after_the_random_delay_then_states()
    {
        using var harness = new PublisherHarness().Populated();
        harness.Sink.Take();

        harness.Link!.Receive("homeassistant/status", "online");
        harness.Advance(TimeSpan.FromSeconds(2.9));
        harness.Sink.Take().Should().BeEmpty("the delay is 1 s + 0.5 × (5 s − 1 s) = 3 s");

        harness.Advance(TimeSpan.FromSeconds(0.1));
        harness.Sink.Take().Select(m => m.Topic).Should().BeEquivalentTo(["homeassistant/device/streams_bridge/config", Pack1Config, Jbd1Config]);

        harness.Advance(TimeSpan.FromSeconds(2));
        harness.Sink.Take().Select(m => m.Topic).Should().Contain(["streams/pack1/state", "streams/jbd1/state"]);

        harness.Link.Receive("homeassistant/status", "offline");
        harness.Advance(TimeSpan.FromSeconds(10));
        harness.Sink.Take().Should().BeEmpty();
    }

    [Fact]
    public void Rule10_configs_of_a_previous_run_that_are_no_longer_produced_are_cleared()
    {
        using var harness = new PublisherHarness();
        harness.Link!.Connect();
        harness.Link.Receive("streams/bridge/discovery", """
            {"homeassistant/device/streams_gone/config":["sensor/pack_voltage"],
             "homeassistant/sensor/streams_jbd1/old_key/config":["sensor/old_key"],
             "homeassistant/device/streams_pack1/config":["sensor/pack_voltage","sensor/removed_key"],
             "homeassistant/sensor/other_bridge_x/v/config":["sensor/v"]}
            """, retain: true);
        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Sink.Take();

        harness.Advance(TimeSpan.FromSeconds(3));
        var settled = harness.Sink.Take();
        settled.Should().Contain(new OutboundMessage("homeassistant/device/streams_gone/config", "", true));
        settled.Should().NotContain(m => m.Topic == "homeassistant/sensor/streams_jbd1/old_key/config", "jbd1 is configured but has not reported yet");
        settled.Should().NotContain(m => m.Topic.Contains("other_bridge"), "another bridge's node is not ours");
        var stub = settled.Single(m => m.Topic == Pack1Config);
        Components(stub.Payload)["removed_key"]!.ToJsonString().Should().Be("""{"p":"sensor"}""");
        JsonNode.Parse(harness.Sink.Retained["streams/bridge/discovery"])!.AsObject()
            .Should().ContainKey("homeassistant/sensor/streams_jbd1/old_key/config").And.NotContainKey("homeassistant/device/streams_gone/config");

        harness.Advance(TimeSpan.FromSeconds(2));
        Components(harness.Sink.Retained[Pack1Config]).Should().NotContainKey("removed_key");

        harness.Publisher.Publish(HaReadings.Jbd());
        harness.Sink.Take().Should().Contain(new OutboundMessage("homeassistant/sensor/streams_jbd1/old_key/config", "", true));
        JsonNode.Parse(harness.Sink.Retained["streams/bridge/discovery"])!.AsObject().Should().NotContainKey("homeassistant/sensor/streams_jbd1/old_key/config");
    }

    [Fact]
    public void Switching_to_device_discovery_migrates_the_per_entity_configs()
    {
        using var harness = new PublisherHarness();
        harness.Link!.Connect();
        harness.Link.Receive("streams/bridge/discovery", """{"homeassistant/sensor/streams_pack1/pack_voltage/config":["sensor/pack_voltage"]}""", retain: true);
        harness.Advance(TimeSpan.FromSeconds(3));
        harness.Sink.Take();

        harness.Publisher.Publish(HaReadings.Eg4());
        var topics = harness.Sink.Take().Select(m => (m.Topic, m.Payload)).ToList();
        var migrate = topics.IndexOf(("homeassistant/sensor/streams_pack1/pack_voltage/config", """{"migrate_discovery":true}"""));
        migrate.Should().BeGreaterThan(-1);
        topics.FindLastIndex(t => t.Topic == Pack1Config).Should().BeGreaterThan(migrate, "the device config follows the migration");

        harness.Advance(TimeSpan.FromSeconds(2));
        harness.Sink.Take().Should().Contain(new OutboundMessage("homeassistant/sensor/streams_pack1/pack_voltage/config", "", true));
    }

    [Fact]
    public void A_switch_command_becomes_a_SwitchCommand_and_publishes_nothing_by_itself()
    {
        using var harness = new PublisherHarness().Populated();
        harness.Sink.Take();

        harness.Link!.Receive("streams/jbd1/discharge_mosfet/set", "OFF");
        harness.Link.Receive("streams/jbd1/charge_mosfet/set", "ON");

        harness.Commands.Should().Equal(new SwitchCommand("jbd1", "discharge_mosfet", false), new SwitchCommand("jbd1", "charge_mosfet", true));
        harness.Sink.Take().Should().BeEmpty("the poller's re-read after a command, a reading like any other, is the one state Home Assistant gets");
    }

    [Fact]
    public void The_re_read_after_a_command_is_published_once_as_the_new_state()
    {
        using var harness = new PublisherHarness().Populated();
        harness.Sink.Take();
        harness.Link!.Receive("streams/jbd1/discharge_mosfet/set", "OFF");

        harness.Publisher.Publish(HaReadings.Jbd(at: HaReadings.Noon.AddMinutes(1)));

        harness.Sink.Take().Should().ContainSingle().Which.Should().Match<OutboundMessage>(m => m.Topic == "streams/jbd1/state" && m.Payload.Contains("2026-01-02T12:01:00Z"));
    }

    [Fact]
    public void Commands_are_shared_and_seen_only_while_the_session_runs()
    {
        using var harness = new PublisherHarness().Populated();
        var second = new List<SwitchCommand>();
        using (harness.Publisher.Commands.Subscribe(second.Add))
        {
            harness.Link!.Receive("streams/jbd1/charge_mosfet/set", "OFF");
        }

        harness.Session.Dispose();
        harness.Link.Receive("streams/jbd1/charge_mosfet/set", "ON");

        second.Should().Equal(new SwitchCommand("jbd1", "charge_mosfet", false));
        harness.Commands.Should().Equal(new SwitchCommand("jbd1", "charge_mosfet", false));
    }

    [Theory]
    [InlineData("streams/jbd1/charge_mosfet/set", "on", false)]
    [InlineData("streams/jbd1/charge_mosfet/set", "1", false)]
    [InlineData("streams/jbd1/charge_mosfet/set", "ON", true)]
    [InlineData("streams/pack1/charge_mosfet/set", "ON", false)]
    [InlineData("streams/jbd1/heater/set", "ON", false)]
    public void Only_valid_non_retained_commands_for_offered_switches_are_acted_on(string topic, string payload, bool retained)
    {
        using var harness = new PublisherHarness().Populated();
        harness.Sink.Take();

        harness.Link!.Receive(topic, payload, retained);

        harness.Commands.Should().BeEmpty();
        harness.Sink.Take().Should().Equal(retained ? [new OutboundMessage(topic, "", true)] : Array.Empty<OutboundMessage>());
    }

    [Fact]
    public void Commands_are_refused_when_the_device_offers_no_switches()
    {
        using var harness = new PublisherHarness(allowControl: false).Populated();

        harness.Link!.Receive("streams/jbd1/charge_mosfet/set", "OFF");

        harness.Commands.Should().BeEmpty();
    }

    [Fact]
    public void Console_mode_prints_online_and_bridge_discovery_at_start_and_offline_at_the_end()
    {
        using var harness = new PublisherHarness(withLink: false);
        harness.Sink.Messages.Select(m => m.Topic).Should().Equal("streams/bridge/availability", "homeassistant/device/streams_bridge/config");
        harness.Sink.Messages[0].Payload.Should().Be("online");

        harness.Session.Dispose();
        harness.Sink.Messages[^1].Should().Be(new OutboundMessage("streams/bridge/availability", "offline", true));
    }

    [Fact]
    public void Console_sink_prints_the_same_messages_as_topic_payload_lines()
    {
        var console = new StringWriter();
        var recording = new RecordingMessageSink();
        foreach (var sink in new IMessageSink[] { new ConsoleMessageSink(console), recording })
        {
            using var publisher = new HomeAssistantPublisher(new PublisherHarness(withLink: false).Options, sink, new System.Reactive.Concurrency.HistoricalScheduler(), PublisherHarness.Logger);
            publisher.Publish(HaReadings.Eg4());
        }

        console.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Should().Equal(recording.Messages.Select(m => $"{m.Topic} {m.Payload}"));
    }

    [Fact]
    public void A_throwing_sink_never_reaches_the_reading_pipeline()
    {
        var sink = new ThrowingSink();
        using var publisher = new HomeAssistantPublisher(
            new PublisherHarness(withLink: false).Options, sink, new System.Reactive.Concurrency.HistoricalScheduler(), PublisherHarness.Logger);

        var act = () =>
        {
            publisher.Publish(HaReadings.Eg4());
            publisher.SetAvailability(HaReadings.Eg4Device(), false);
            publisher.Publish(HaReadings.Eg4());
        };

        act.Should().NotThrow();
        sink.Attempts.Select(m => m.Topic).Should().Equal(
            [Pack1Config, "streams/pack1/availability", "streams/pack1/state", "streams/pack1/availability", "streams/pack1/availability", "streams/pack1/state"],
            "each failed publish is reported and the next message is still tried");
    }

    [Fact]
    public void Availability_is_published_on_changes_only()
    {
        using var harness = new PublisherHarness();
        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Sink.Take();

        harness.Publisher.SetAvailability(HaReadings.Eg4Device(), online: true);
        harness.Sink.Take().Should().NotContain(m => m.Topic == "streams/pack1/availability");

        harness.Publisher.SetAvailability(HaReadings.Eg4Device(), online: false);
        harness.Publisher.SetAvailability(HaReadings.Eg4Device(), online: false);
        harness.Sink.Take().Where(m => m.Topic == "streams/pack1/availability").Should().ContainSingle()
            .Which.Payload.Should().Be("offline");
    }

    [Fact]
    public void Set_availability_publishes_retained_offline_and_the_next_reading_online_again()
    {
        using var harness = new PublisherHarness();
        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Publisher.SetAvailability(HaReadings.Eg4Device(), online: false);
        harness.Sink.Retained["streams/pack1/availability"].Should().Be("offline");

        harness.Publisher.Publish(HaReadings.Eg4());
        harness.Sink.Retained["streams/pack1/availability"].Should().Be("online");
    }

    [Fact]
    public void Work_that_arrives_while_the_sink_is_busy_waits_its_turn_and_keeps_its_order()
    {
        var sink = new RecordingMessageSink();
        HomeAssistantPublisher? publisher = null;
        int? seenWhenReentered = null;
        var reentering = new ForwardingSink(message =>
        {
            sink.Publish(message);
            if (message.Topic == "streams/pack1/availability" && seenWhenReentered is null)
            {
                // The health monitor says offline while the first reading's messages are still going out.
                publisher!.SetAvailability(HaReadings.Eg4Device(), online: false);
                seenWhenReentered = sink.Messages.Count;
            }
        });
        publisher = new HomeAssistantPublisher(new PublisherHarness(withLink: false).Options, reentering, new System.Reactive.Concurrency.HistoricalScheduler(), PublisherHarness.Logger);
        using (publisher)
        {
            publisher.Publish(HaReadings.Eg4());
        }

        seenWhenReentered.Should().Be(2, "the new work waits until the current one is done; no lock is held while the sink runs");
        sink.Messages.Select(m => (m.Topic, m.Payload.Length < 10 ? m.Payload : "…")).Should().Equal(
            (Pack1Config, "…"), ("streams/pack1/availability", "online"), ("streams/pack1/state", "…"), ("streams/pack1/availability", "offline"));
    }

    private static JsonObject Components(string payload) => JsonNode.Parse(payload)!["cmps"]!.AsObject();

    private sealed class ForwardingSink(Action<OutboundMessage> forward) : IMessageSink
    {
        public void Publish(OutboundMessage message) => forward(message);
    }

    private sealed class ThrowingSink : IMessageSink
    {
        public List<OutboundMessage> Attempts { get; } = [];

        public void Publish(OutboundMessage message)
        {
            Attempts.Add(message);
            throw new InvalidOperationException("broken sink");
        }
    }
}
