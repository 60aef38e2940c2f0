using FluentAssertions;
using Streams.IntegrationTests.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary>The whole bridge as a user runs it: the <c>streams</c> process, a simulated pack on a pty, a real mosquitto.</summary>
public sealed class CliBrokerTests : IDisposable
{
    private static readonly MosquittoListener Plain = new("plain");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-cli-broker-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task The_bridge_announces_publishes_and_says_offline_when_stopped()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        var config = await BrokerConfigFile.WriteAsync(_dir, broker.Port(Plain.Name), "streams-cli-test");

        using var bridge = StreamsCli.Start("-C", config);

        var discovery = await ha.WaitForAsync(m => m.Topic == "homeassistant/device/streams_garage/config", what: "the pack's discovery");
        discovery.PayloadText.Should().Contain("\"stat_t\":\"streams/garage/state\"");
        var state = await ha.WaitForAsync(m => m.Topic == "streams/garage/state", what: "the pack's state");
        state.PayloadText.Should().StartWith("{\"pack_voltage\":");
        await ha.WaitForAsync(m => m.Topic == "streams/bridge/availability" && m.PayloadText == "online", what: "the bridge online");

        // A Home Assistant that starts later gets it all from the broker's retained messages.
        await using (var late = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name)))
        {
            (await late.WaitForAsync(m => m.Topic == "homeassistant/device/streams_garage/config", what: "retained discovery")).Retain.Should().BeTrue();
            (await late.WaitForAsync(m => m.Topic == "streams/garage/state", what: "retained state")).Retain.Should().BeTrue();
        }

        var mark = ha.Messages.Count;
        bridge.Terminate();
        (await bridge.WaitForExitAsync(TimeSpan.FromSeconds(15))).Should().Be(0, bridge.StandardError);
        await ha.WaitForAsync(m => m.Topic == "streams/bridge/availability" && m.PayloadText == "offline", since: mark, what: "the bridge offline");
    }
}
