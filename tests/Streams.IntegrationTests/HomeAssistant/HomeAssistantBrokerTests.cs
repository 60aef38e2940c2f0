using System.Diagnostics;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json.Nodes;
using FluentAssertions;
using FluentAssertions.Execution;
using Streams.Config.Model;
using Streams.IntegrationTests.Mqtt;
using Streams.Tests.HomeAssistant;
using Xunit;

namespace Streams.IntegrationTests.HomeAssistant;

/// <summary>
/// The publisher against a real mosquitto, watched the way Home Assistant watches it (subscribed to
/// <c>homeassistant/#</c> and the base topic), with real EG4-LL and JBD readings decoded from the
/// frame vectors (eg4ll-wombatt-info; jbd-03/04-sp04s034-a).
/// </summary>
public class HomeAssistantBrokerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly MosquittoListener Plain = new("plain");

    private const string Pack1Device = "homeassistant/device/streams_pack1/config";
    private const string BridgeAvailability = "streams/bridge/availability";

    [Theory]
    [InlineData(DiscoveryMode.Device)]
    [InlineData(DiscoveryMode.Entity)]
    public async Task Every_retained_discovery_payload_follows_the_checklist(DiscoveryMode mode)
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port(Plain.Name), mode);
        bridge.Publisher.Publish(HaReadings.Eg4());
        bridge.Publisher.Publish(HaReadings.Jbd());
        await using (var early = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name)))
        {
            await early.WaitForAsync(m => m.Topic == "streams/bridge/discovery", what: "discovery index (after the index wait)");
        }

        // A watcher subscribing now sees exactly what is retained, as Home Assistant does at start.
        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        await ha.WaitForAsync(m => m.Topic == "streams/jbd1/state");
        await ha.SettleAsync(TimeSpan.FromMilliseconds(300));
        var book = new HomeAssistantRuleBook("homeassistant", "streams", ha.Latest);
        var configs = ha.Messages.Where(m => m.Topic.EndsWith("/config", StringComparison.Ordinal)).ToList();

        foreach (var device in new[] { "pack1", "jbd1", "bridge" })
        {
            var mine = configs.Where(m => m.Topic.Contains($"/streams_{device}/", StringComparison.Ordinal)).ToList();
            output.WriteLine($"{mode} discovery of {device}: {mine.Count} messages, {mine.Sum(m => m.Topic.Length + m.Payload.Length)} B (topic + payload)");
        }

        using (new AssertionScope())
        {
            book.Entities.Should().HaveCountGreaterThan(100);
            configs.Should().OnlyContain(m => m.Retain, "rule 10/§5: discovery is retained");
            book.Rule01TopicLayout().Should().BeEmpty("rule 1: config topic grammar");
            book.Rule02JsonObject().Should().BeEmpty("rule 2: one JSON object per config");
            book.Rule03UniqueIds().Should().BeEmpty("rule 3: unique_id on every entity");
            book.Rule04DeviceBlock().Should().BeEmpty("rule 4: device identifiers and name");
            book.Rule05Origin().Should().BeEmpty("rule 5: origin block");
            book.Rule06Availability().Should().BeEmpty("rule 6: availability names the LWT topic, retained");
            ha.Latest[BridgeAvailability].Should().Be("online", "rule 6: retained online after CONNACK");
            book.Rule08SensorClasses().Should().BeEmpty("rule 8: device_class/state_class/unit table");
            book.Rule09Switches().Should().BeEmpty("rule 9: switches with command and state topics, no retain");
            book.Entities.Count(e => e.Platform == "switch").Should().Be(2, "rule 9: the JBD MOSFET switches (allow_control: true)");
            book.Rule11ExpireAfter().Should().BeEmpty("rule 11: expire_after");
            book.Rule12Diagnostics().Should().BeEmpty("rule 12: diagnostics, noisy ones disabled");
            book.Rule13DisplayPrecision().Should().BeEmpty("rule 13: suggested_display_precision");
            book.Rule14OwnTopics().Should().BeEmpty("rule 14: state/command topics under the base topic");
            book.Rule15DefaultEntityId().Should().BeEmpty("rule 15: default_entity_id, no object_id");
            book.Rule16Avoid().Should().BeEmpty("rule 16: avoided options");
            book.Rule17ViaDevice().Should().BeEmpty("rule 17: via_device resolves and is not self");
            book.TemplateKeysInState().Should().BeEmpty("§12: template keys exist in the retained state");
        }
    }

    [Fact]
    public async Task Rule07_home_assistant_birth_brings_discovery_again_then_states()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port(Plain.Name));
        bridge.Publisher.Publish(HaReadings.Eg4());
        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        await ha.WaitForAsync(m => m.Topic == "streams/pack1/state");
        await ha.SettleAsync(TimeSpan.FromMilliseconds(300));
        var before = ha.Messages.Count;

        var clock = Stopwatch.StartNew();
        await ha.PublishAsync("homeassistant/status", "online");
        var discovery = await ha.WaitForAsync(m => m.Topic == Pack1Device, before, what: "discovery after the birth");
        var afterDiscovery = ha.Messages.Count;
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), "the answer waits a random 1..5 s");
        discovery.Retain.Should().BeFalse("a live delivery to an existing subscriber [MQTT-3.3.1-9]");
        await ha.WaitForAsync(m => m.Topic == "streams/bridge/discovery" || m.Topic == "homeassistant/device/streams_bridge/config", before, what: "bridge discovery after the birth");
        await ha.WaitForAsync(m => m.Topic == "streams/pack1/state", afterDiscovery, what: "states after the re-published discovery");
    }

    [Fact]
    public async Task Broker_restart_brings_discovery_again_and_the_final_state()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port(Plain.Name));
        bridge.Publisher.Publish(HaReadings.Eg4());
        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        await ha.WaitForAsync(m => m.Topic == "streams/pack1/state");

        await broker.StopAsync();
        var final = HaReadings.Noon.AddMinutes(5);
        bridge.Publisher.Publish(HaReadings.Eg4(at: final.AddSeconds(-10)));
        bridge.Publisher.Publish(HaReadings.Eg4(at: final));
        var before = ha.Messages.Count;
        await broker.RestartAsync();

        await ha.WaitForAsync(m => m.Topic == Pack1Device, before, seconds: 20, what: "pack1 discovery after the restart");
        await ha.WaitForAsync(m => m.Topic == "homeassistant/device/streams_bridge/config", before, what: "bridge discovery after the restart");
        await ha.WaitForAsync(m => m.Topic == BridgeAvailability && m.PayloadText == "online", before, what: "online after the restart");
        await ha.WaitForAsync(m => m.Topic == "streams/pack1/state" && m.PayloadText.Contains("2026-01-02T12:05:00Z"), before, what: "the final state");
        ha.Messages.Skip(before).Should().NotContain(m => m.Topic == "streams/pack1/state" && m.PayloadText.Contains("12:04:50Z"), "only the latest state per topic waits for the broker");
    }

    [Fact]
    public async Task The_will_offline_is_seen_when_the_bridge_connection_dies()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var proxy = new DroppingProxy(broker.Port(Plain.Name));
        await using var bridge = await BridgeUnderTest.StartAsync(proxy.Port);
        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        await ha.WaitForAsync(m => m.Topic == BridgeAvailability && m.PayloadText == "online");
        var before = ha.Messages.Count;

        proxy.DropAll();

        await ha.WaitForAsync(m => m.Topic == BridgeAvailability && m.PayloadText == "offline", before, what: "the will");
        var willSeen = ha.Messages.Count;
        await ha.WaitForAsync(m => m.Topic == BridgeAvailability && m.PayloadText == "online", willSeen, what: "online after the reconnect");
    }

    [Fact]
    public async Task A_clean_stop_leaves_a_retained_offline()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        var bridge = await BridgeUnderTest.StartAsync(broker.Port(Plain.Name));
        await using (var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name)))
        {
            await ha.WaitForAsync(m => m.Topic == BridgeAvailability && m.PayloadText == "online");
        }

        await bridge.DisposeAsync();

        await using var late = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        var retained = await late.WaitForAsync(m => m.Topic == BridgeAvailability);
        retained.PayloadText.Should().Be("offline");
        retained.Retain.Should().BeTrue();
    }

    [Fact]
    public async Task Rule10_configs_of_a_removed_device_are_cleared_with_an_empty_retained_payload()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using (var seeder = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name)))
        {
            await seeder.PublishAsync("homeassistant/device/streams_gone/config", """{"dev":{"ids":["streams_gone"],"name":"gone"},"o":{"name":"streams"},"cmps":{"v":{"p":"sensor","uniq_id":"streams_gone_v"}}}""", retain: true);
            await seeder.PublishAsync("streams/bridge/discovery", """{"homeassistant/device/streams_gone/config":["sensor/v"]}""", retain: true);
        }

        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        await ha.WaitForAsync(m => m.Topic == "homeassistant/device/streams_gone/config");
        var before = ha.Messages.Count;
        await using var bridge = await BridgeUnderTest.StartAsync(broker.Port(Plain.Name));

        var cleared = await ha.WaitForAsync(m => m.Topic == "homeassistant/device/streams_gone/config", before, what: "the clearing publish");
        cleared.Payload.Length.Should().Be(0);
        var index = await ha.WaitForAsync(m => m.Topic == "streams/bridge/discovery", before, what: "the new index");
        JsonNode.Parse(index.PayloadText)!.AsObject().Should().NotContainKey("homeassistant/device/streams_gone/config")
            .And.ContainKey("homeassistant/device/streams_bridge/config");

        await using var late = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        await late.WaitForAsync(m => m.Topic == BridgeAvailability);
        await late.SettleAsync(TimeSpan.FromMilliseconds(300));
        late.Latest.Should().NotContainKey("homeassistant/device/streams_gone/config");
    }

    [Fact]
    public async Task A_retained_switch_command_is_cleared_unacted_and_a_live_one_becomes_a_command()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using (var seeder = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name)))
        {
            await seeder.PublishAsync("streams/jbd1/charge_mosfet/set", "OFF", retain: true);
        }

        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        await ha.WaitForAsync(m => m.Topic == "streams/jbd1/charge_mosfet/set" && m.PayloadText == "OFF", what: "the seeded retained command");
        var commands = new System.Collections.Concurrent.ConcurrentQueue<Streams.Core.SwitchCommand>();
        var bridge = await BridgeUnderTest.StartAsync(broker.Port(Plain.Name), subscribe: publisher => publisher.Commands.Subscribe(commands.Enqueue));
        await using (bridge)
        {
            // The positive signal that the retained command was seen and judged stale: the bridge clears it.
            var cleared = await ha.WaitForAsync(m => m.Topic == "streams/jbd1/charge_mosfet/set" && m.Payload.Length == 0, what: "the retained command cleared");
            cleared.Retain.Should().BeFalse("a live delivery of the bridge's empty retained publish");

            // The clearing proved the retained command was judged before this live one was even sent.
            var live = bridge.Publisher.Commands.FirstAsync().Timeout(TimeSpan.FromSeconds(10)).ToTask();
            await ha.PublishAsync("streams/jbd1/discharge_mosfet/set", "OFF");
            (await live).Should().Be(new Streams.Core.SwitchCommand("jbd1", "discharge_mosfet", false));
            commands.Should().Equal([new Streams.Core.SwitchCommand("jbd1", "discharge_mosfet", false)], "a retained command is stale and never acted on");
        }
    }
}
