using FluentAssertions;
using Streams.IntegrationTests.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary>
/// A broker whose <c>max_packet_size</c> is below the device discovery (issue 11 item 15): the
/// <c>streams</c> process keeps its states flowing, says why in one line, and announces the pack
/// per entity instead.
/// </summary>
public sealed class OversizeMessageTests : IDisposable
{
    private const int Limit = 16_384;
    private static readonly MosquittoListener Plain = new("plain");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-oversize-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("3.1.1", "MQTT broker dropped the connection twice while receiving homeassistant/device/streams_garage/config")]
    [InlineData("5", "more than the 16,384 the broker accepts")]
    public async Task States_keep_flowing_one_line_names_the_message_and_the_pack_is_announced_per_entity(string protocol, string line)
    {
        await using var broker = await MosquittoBroker.StartAsync([$"max_packet_size {Limit}"], Plain);
        var port = broker.Port(Plain.Name);
        await using var ha = await HomeAssistantWatcher.StartAsync(port);
        var config = await BrokerConfigFile.WriteAsync(_dir, port, $"streams-oversize-{protocol.Replace('.', '_')}", $"protocol: {protocol}");

        using var bridge = StreamsCli.Start("-C", config);

        var said = await bridge.WaitForErrorLineAsync(l => l.Contains(line, StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the line about the message the broker will not take");
        said.Should().Contain("homeassistant/device/streams_garage/config").And.MatchRegex(@"\d{2},\d{3} bytes");
        await bridge.WaitForErrorLineAsync(l => l.Contains("garage: its device discovery is too big for the broker", StringComparison.Ordinal), StreamsCli.StartTimeout, "the fallback to per-entity discovery");
        var mark = ha.Messages.Count;
        for (var i = 0; i < 3; i++)
        {
            mark = ha.Messages.Count;
            await ha.WaitForAsync(m => m.Topic == "streams/garage/state", mark, seconds: 20, what: $"state {i + 1} after the line");
        }

        await ha.WaitForAsync(m => m.Topic == "homeassistant/sensor/streams_garage/pack_voltage/config" && m.Payload.Length > 0, seconds: 20, what: "the per-entity config of the voltage");
        ha.Latest["streams/bridge/availability"].Should().Be("online");
        ha.Messages.Should().NotContain(m => m.Topic == "homeassistant/device/streams_garage/config" && m.Payload.Length > Limit, "the broker never passed it on");
        broker.CountLog("disconnected due to oversize packet").Should().Be(
            protocol == "5" ? 0 : 2,
            protocol == "5" ? "with the CONNACK's limit known, the message is never sent" : "sent after the others, alone, once more, then never again");

        bridge.Terminate();
        (await bridge.WaitForExitAsync(StreamsCli.StartTimeout)).Should().Be(0, bridge.StandardError);
        bridge.StandardError.Split('\n').Count(l => l.Contains("homeassistant/device/streams_garage/config", StringComparison.Ordinal) && l.Contains(" bytes", StringComparison.Ordinal))
            .Should().Be(1, "one line names the message, however often the bridge reconnected");
    }
}
