using System.Text.Json;
using FluentAssertions;
using Streams.IntegrationTests.Bluetooth;
using Streams.IntegrationTests.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Esphome;

/// <summary>
/// A MOSFET switch round trip over the proxy as a user has it: Home Assistant (a client on a real
/// mosquitto) turns the discovered switch off, the <c>streams</c> process writes the JBD command
/// through the fake ESPHome proxy, the BMS's re-read state comes back on the broker.
/// </summary>
public sealed class EsphomeSwitchTests : IDisposable
{
    private static readonly MosquittoListener Plain = new("plain");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-esphome-switch-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Home_Assistant_switches_the_charge_MOSFET_off_through_the_proxy_and_sees_it_off()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        var config = await new ProxyBridgeConfig(_dir).Source("shed", fake.Port, fake.Key, extra: "allow_control: true").WriteAsync(broker.Port(Plain.Name));
        using var bridge = StreamsCli.Start("-C", config);

        var discovery = await ha.WaitForAsync(m => m.Topic == "homeassistant/device/streams_shed/config", seconds: 45, what: "the BMS's discovery");
        var commandTopic = CommandTopic(discovery.PayloadText, "charge_mosfet");
        await ha.WaitForAsync(m => m.Topic == "streams/shed/state" && State(m.PayloadText, "charge_mosfet") == "ON", seconds: 45, what: "a state with the charge MOSFET on");

        var mark = ha.Messages.Count;
        await ha.PublishAsync(commandTopic, "OFF");

        // 0xE1 with the charge bit set (off), discharge kept: jbd-write-e1-1.
        await fake.WaitForAsync($"mosfets {FakeEsphomeProxy.BmsMac} 2", BridgeLines.Wait);
        var after = await ha.WaitForAsync(m => m.Topic == "streams/shed/state" && State(m.PayloadText, "charge_mosfet") == "OFF", since: mark, seconds: 45, what: "the re-read state with the charge MOSFET off");
        State(after.PayloadText, "discharge_mosfet").Should().Be("ON");
        fake.Log.Should().Contain($"write {FakeEsphomeProxy.BmsMac} {JbdVectors.Hex("jbd-write-e1-1").ToLowerInvariant()} ", "the MOSFET command went over the proxy as the JBD write");
        bridge.StandardError.Should().Contain("BMS shed: charge_mosfet off done (MOSFETs set: charge off, discharge unchanged)");
    }

    /// <summary>The command topic Home Assistant was told for the switch on <paramref name="field"/>.</summary>
    private static string CommandTopic(string discovery, string field)
    {
        using var document = JsonDocument.Parse(discovery);
        return document.RootElement.GetProperty("cmps").EnumerateObject()
            .Select(c => c.Value)
            .Single(c => c.GetProperty("p").GetString() == "switch" && c.GetProperty("val_tpl").GetString() == $"{{{{ value_json.{field} }}}}")
            .GetProperty("cmd_t").GetString()!;
    }

    private static string? State(string payload, string field)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.TryGetProperty(field, out var value) ? value.GetString() : null;
    }
}
