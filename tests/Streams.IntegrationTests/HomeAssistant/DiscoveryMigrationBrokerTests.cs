using FluentAssertions;
using Streams.IntegrationTests.Mqtt;
using Streams.Tests.HomeAssistant;
using Xunit;

namespace Streams.IntegrationTests.HomeAssistant;

/// <summary>
/// Switching an installation from per-entity to device discovery on a real mosquitto (issue 11
/// item 3), as Home Assistant sees it: <c>migrate_discovery</c> on every old topic, then the device
/// config, then the old topics cleared.
/// </summary>
public class DiscoveryMigrationBrokerTests
{
    private static readonly MosquittoListener Plain = new("plain");
    private const string Pack1Device = "homeassistant/device/streams_pack1/config";
    private static readonly string[] OldTopics =
    [
        "homeassistant/sensor/streams_pack1/pack_voltage/config",
        "homeassistant/binary_sensor/streams_pack1/heater/config",
    ];

    /// <summary>The index an earlier run left: this bridge's own, or the one index of an earlier version.</summary>
    [Theory]
    [InlineData("streams/bridge/discovery/streams-migrating")]
    [InlineData("streams/bridge/discovery")]
    public async Task A_subscriber_sees_migrate_on_every_old_topic_then_the_device_config_then_the_old_topics_cleared(string index)
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        var port = broker.Port(Plain.Name);
        await using (var seeder = await HomeAssistantWatcher.StartAsync(port))
        {
            await seeder.PublishAsync(OldTopics[0], """{"name":"Voltage","uniq_id":"streams_pack1_pack_voltage","stat_t":"streams/pack1/state","dev":{"ids":["streams_pack1"],"name":"pack1"},"o":{"name":"streams"}}""", retain: true);
            await seeder.PublishAsync(OldTopics[1], """{"name":"Heater","uniq_id":"streams_pack1_heater","stat_t":"streams/pack1/state","dev":{"ids":["streams_pack1"],"name":"pack1"},"o":{"name":"streams"}}""", retain: true);
            await seeder.PublishAsync(index, $$"""{"{{OldTopics[0]}}":["sensor/pack_voltage"],"{{OldTopics[1]}}":["binary_sensor/heater"]}""", retain: true);
        }

        await using var ha = await HomeAssistantWatcher.StartAsync(port);
        await ha.WaitForAsync(m => m.Topic == OldTopics[1], what: "the seeded per-entity config");
        var start = ha.Messages.Count;
        await using var bridge = await BridgeUnderTest.StartAsync(port, clientId: "streams-migrating");
        bridge.Publisher.Publish(HaReadings.Eg4());

        foreach (var old in OldTopics)
        {
            await ha.WaitForAsync(m => m.Topic == old && m.Payload.Length == 0, start, seconds: 20, what: $"{old} cleared");
        }

        var seen = ha.Messages.Skip(start).ToList();
        var migrates = OldTopics.Select(old => seen.FindIndex(m => m.Topic == old && m.PayloadText == """{"migrate_discovery":true}""")).ToList();
        var device = seen.FindIndex(m => m.Topic == Pack1Device && m.Payload.Length > 0);
        var clears = OldTopics.Select(old => seen.FindIndex(m => m.Topic == old && m.Payload.Length == 0)).ToList();
        migrates.Should().OnlyContain(i => i >= 0, "every old topic gets migrate_discovery");
        device.Should().BeGreaterThan(migrates.Max(), "the device config comes after every migrate message");
        clears.Should().OnlyContain(i => i > device, "the old topics are cleared after the device config");

        await using var late = await HomeAssistantWatcher.StartAsync(port);
        await late.CaughtUpAsync();
        late.Latest.Should().ContainKey(Pack1Device).And.NotContainKeys(OldTopics);
    }
}
