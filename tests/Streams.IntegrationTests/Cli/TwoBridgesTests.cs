using FluentAssertions;
using Streams.IntegrationTests.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary>
/// Two <c>streams</c> processes on one real mosquitto (issue 11 item 1): each keeps its session and
/// its Home Assistant devices, whatever the other one runs with.
/// </summary>
public sealed class TwoBridgesTests : IDisposable
{
    private static readonly MosquittoListener Plain = new("plain");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-two-bridges-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Two_bridges_with_their_own_base_topics_keep_their_sessions_and_their_devices()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        var port = broker.Port(Plain.Name);
        await using var ha = await HomeAssistantWatcher.StartAsync(port, "homeassistant", ["house", "garage"]);

        // No client_id in either file: the defaults must differ (they were both "streams").
        using var house = StreamsCli.Start("-C", await WriteAsync("house.yaml", port, "house", "house_pack"));
        using (var garage = StreamsCli.Start("-C", await WriteAsync("garage.yaml", port, "garage", "garage_pack")))
        {
            await ha.WaitForAsync(m => m.Topic == "homeassistant/device/house_house_pack/config" && m.Payload.Length > 0, seconds: 30, what: "the house pack's discovery");
            await ha.WaitForAsync(m => m.Topic == "homeassistant/device/garage_garage_pack/config" && m.Payload.Length > 0, seconds: 30, what: "the garage pack's discovery");
            var both = ha.Messages.Count;
            await ha.WaitForAsync(m => m.Topic == "house/house_pack/state", both, what: "a house state after both started");
            await ha.WaitForAsync(m => m.Topic == "garage/garage_pack/state", both, what: "a garage state after both started");

            broker.CountLog("already connected").Should().Be(0, "two bridges must not take each other's session");
            ha.Messages.Skip(both).Should().NotContain(m => m.Topic.EndsWith("/bridge/availability", StringComparison.Ordinal) && m.PayloadText == "offline");

            garage.Terminate();
            (await garage.WaitForExitAsync(StreamsCli.StartTimeout)).Should().Be(0, garage.StandardError);
        }

        // The garage bridge again, its pack renamed: its own old device goes, the house bridge's stays.
        var mark = ha.Messages.Count;
        using var renamed = StreamsCli.Start("-C", await WriteAsync("garage2.yaml", port, "garage", "garage_pack2"));
        await ha.WaitForAsync(m => m.Topic == "homeassistant/device/garage_garage_pack/config" && m.Payload.Length == 0, mark, seconds: 30, what: "the renamed garage pack's old device cleared");
        await ha.WaitForAsync(m => m.Topic == "homeassistant/device/garage_garage_pack2/config" && m.Payload.Length > 0, mark, seconds: 30, what: "the renamed garage pack announced");

        await using var late = await HomeAssistantWatcher.StartAsync(port, "homeassistant", ["house", "garage"]);
        await late.CaughtUpAsync();
        late.Latest.Should().ContainKey("homeassistant/device/garage_garage_pack2/config");
        late.Latest.Should().ContainKey("homeassistant/device/house_house_pack/config", "the house bridge keeps its device")
            .And.NotContainKey("homeassistant/device/garage_garage_pack/config");
        ha.Messages.Should().NotContain(m => m.Topic.Contains("house_house_pack", StringComparison.Ordinal) && m.Topic.EndsWith("/config", StringComparison.Ordinal) && m.Payload.Length == 0);
        house.Terminate();
        renamed.Terminate();
    }

    [Fact]
    public async Task A_second_configuration_on_the_same_base_topic_never_deletes_the_first_ones_devices()
    {
        // The newcomer's M1: a test configuration (another machine: another client id) run against the production broker.
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        var port = broker.Port(Plain.Name);
        await using var ha = await HomeAssistantWatcher.StartAsync(port);
        using (var production = StreamsCli.Start("-C", await WriteAsync("production.yaml", port, "streams", "lifepower4_1", "streams-pi")))
        {
            await ha.WaitForAsync(m => IsIndexListing(m, "lifepower4_1"), seconds: 30, what: "the production bridge's index");
            production.Terminate();
            await production.WaitForExitAsync(StreamsCli.StartTimeout);
        }

        using var test = StreamsCli.Start("-C", await WriteAsync("test.yaml", port, "streams", "lifepower4_x", "streams-laptop"));
        await ha.WaitForAsync(m => IsIndexListing(m, "lifepower4_x"), seconds: 30, what: "the test bridge's index (it has settled)");
        test.Terminate();
        (await test.WaitForExitAsync(StreamsCli.StartTimeout)).Should().Be(0, test.StandardError);

        await using var late = await HomeAssistantWatcher.StartAsync(port);
        await late.CaughtUpAsync();
        late.Latest.Should().ContainKey("homeassistant/device/streams_lifepower4_x/config");
        late.Latest.Should().ContainKey("homeassistant/device/streams_lifepower4_1/config", "the production bridge's device is not the test bridge's to clear");
        test.StandardError.Should().NotContain("clearing discovery homeassistant/device/streams_lifepower4_1")
            .And.Contain("another bridge (client id streams-pi) publishes under base topic streams").And.Contain("mqtt.base_topic");
    }

    /// <summary>A discovery index (wherever a version keeps it) that lists <paramref name="pack"/>'s device.</summary>
    private static bool IsIndexListing(Streams.Mqtt.MqttApplicationMessage message, string pack) =>
        message.Topic.StartsWith("streams/bridge/discovery", StringComparison.Ordinal) && message.PayloadText.Contains($"streams_{pack}/config", StringComparison.Ordinal);

    private Task<string> WriteAsync(string file, int port, string baseTopic, string pack, string? clientId = null) =>
        BrokerConfigFile.WriteAsync(_dir, port, clientId, $"base_topic: {baseTopic}", pack, file);
}
