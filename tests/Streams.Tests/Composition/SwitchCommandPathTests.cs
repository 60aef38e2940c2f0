using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text.Json.Nodes;
using FluentAssertions;
using Serilog.Core;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.Devices.Jbd.Ble;
using Streams.HomeAssistant;
using Streams.Polling;
using Streams.Sinks;
using Streams.Tests.HomeAssistant;
using Streams.Tests.Mqtt;
using Streams.Tests.Transports.Bluetooth;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>
/// A Home Assistant switch command end to end, as the composition wires it (virtual time): MQTT
/// command topic → the publisher's command stream → the JBD BLE poller that owns the link → its
/// re-read → the one state published.
/// </summary>
public sealed class SwitchCommandPathTests
{
    private const string Device = "garage_jbd";

    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_command_from_home_assistant_switches_the_MOSFET_and_the_poller_re_read_is_the_one_state_published()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        var mqtt = new FakeMqttLink();
        var sink = new RecordingMessageSink();
        using var publisher = new HomeAssistantPublisher(Options(), sink, _scheduler, Logger.None, mqtt);
        using var session = publisher.Start();
        mqtt.Connect();
        using var polls = Polls(link, publisher.Commands)
            .Where(p => p.Reading is not null)
            .Subscribe(p => publisher.Publish(p.Reading!));
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));
        StateOf(sink.Take().Last(m => m.Topic == $"streams/{Device}/state"))["charge_mosfet"]!.GetValue<string>().Should().Be("ON");

        mqtt.Receive($"streams/{Device}/charge_mosfet/set", "OFF");
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(500));

        // jbd-write-e1-1 (charge FET off, discharge on) was written; the BMS now reports only discharge on.
        link.Writes.Should().Contain(w => Convert.ToHexString(w) == "DD5AE1020001FF1C77");
        bms.Mosfets.Should().Be(0x02, "the 0x03 reply's bit 0 (charge on) is cleared, bit 1 (discharge on) kept");
        var states = sink.Take().Where(m => m.Topic == $"streams/{Device}/state").ToList();
        states.Should().ContainSingle("the poller's re-read is the one state; no cached reading is published a second time");
        StateOf(states[0])["charge_mosfet"]!.GetValue<string>().Should().Be("OFF");
        StateOf(states[0])["discharge_mosfet"]!.GetValue<string>().Should().Be("ON");
    }

    [Fact]
    public void A_command_for_another_device_leaves_the_BMS_alone()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        var commands = new[] { new SwitchCommand("shed_jbd", JbdSwitches.ChargeMosfet.Key, false) }.ToObservable()
            .Delay(TimeSpan.FromSeconds(1), _scheduler);
        var seen = new List<PackPoll>();
        using var polls = Polls(link, commands).Subscribe(seen.Add);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2));

        bms.Mosfets.Should().Be(0x03);
        seen.Should().ContainSingle("one poll, and no re-read for a command that was not this device's");
    }

    private static HomeAssistantOptions Options() => new()
    {
        DiscoveryPrefix = "homeassistant",
        BaseTopic = "streams",
        Devices = new Dictionary<string, DeviceSettings> { [Device] = new(TimeSpan.FromSeconds(10), JbdSwitches.All) },
    };

    private IObservable<PackPoll> Polls(ScriptedBleLink link, IObservable<SwitchCommand> commands) =>
        JbdBlePoller.Polls(
            link,
            new JbdBleOptions(Device, "A4:C1:37:04:2D:BE", null, AllowControl: true, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)),
            commands,
            _scheduler,
            new PollerOptions(Logger.None));

    private static JsonNode StateOf(OutboundMessage message) => JsonNode.Parse(message.Payload)!;
}
