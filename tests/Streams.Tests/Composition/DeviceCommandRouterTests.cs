using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json.Nodes;
using FluentAssertions;
using Serilog.Core;
using Serilog.Events;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.HomeAssistant;
using Streams.Sinks;
using Streams.Polling;
using Streams.Tests.HomeAssistant;
using Streams.Tests.Mqtt;
using Streams.Tests.Sources.Bluetooth;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>Home Assistant switch commands reach the poller that owns the BMS's link (virtual time).</summary>
public sealed class DeviceCommandRouterTests
{
    private const string Device = "garage_jbd";

    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private JbdBlePoller Poller(ScriptedBleLink link, bool allowControl = true) => new(
        link,
        new JbdBleSourceConfig("A4:C1:37:04:2D:BE", Device, "hci0", null, allowControl, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)),
        _scheduler,
        new PollerOptions(Logger.None));

    [Fact]
    public void A_command_from_home_assistant_switches_the_MOSFET_and_the_poller_re_read_is_the_one_state_published()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        var poller = Poller(link);
        var mqtt = new FakeMqttLink();
        var sink = new RecordingMessageSink();
        var options = new HomeAssistantOptions
        {
            DiscoveryPrefix = "homeassistant",
            BaseTopic = "streams",
            Devices = new Dictionary<string, DeviceSettings> { [Device] = new(TimeSpan.FromSeconds(10)) { Switches = HaReadings.JbdSwitches } },
        };
        using var publisher = new HomeAssistantPublisher(options, sink, _scheduler, Logger.None, mqtt);
        using var session = publisher.Start();
        mqtt.Connect();
        var router = new DeviceCommandRouter(publisher.Commands, Logger.None);
        using var polls = poller.Polls.Where(p => p.Reading is not null).Subscribe(p => publisher.Publish(p.Reading!));
        using var drive = router.Drive(Device, poller).Subscribe();
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
    public void Each_device_gets_only_its_own_commands()
    {
        using var commands = new Subject<SwitchCommand>();
        var router = new DeviceCommandRouter(commands, Logger.None);
        var mine = new List<SwitchCommand>();
        using var subscription = router.For(Device).Subscribe(mine.Add);

        commands.OnNext(new SwitchCommand("other", "charge_mosfet", false));
        commands.OnNext(new SwitchCommand(Device, "discharge_mosfet", true));

        mine.Should().Equal(new SwitchCommand(Device, "discharge_mosfet", true));
    }

    [Fact]
    public void A_refused_command_is_logged_and_the_next_one_still_runs()
    {
        var log = new CollectingSink();
        using var commands = new Subject<SwitchCommand>();
        var router = new DeviceCommandRouter(commands, log.CreateLogger());
        var poller = Poller(new ScriptedBleLink(_scheduler, new ScriptedJbdBms()), allowControl: false);
        using var drive = router.Drive(Device, poller).Subscribe();

        commands.OnNext(new SwitchCommand(Device, "charge_mosfet", false));
        commands.OnNext(new SwitchCommand(Device, "discharge_mosfet", true));

        log.Messages(LogEventLevel.Error).Should().Equal(
            $"{Device}: charge_mosfet OFF failed: BMS {Device}: control is not allowed (set allow_control: true)",
            $"{Device}: discharge_mosfet ON failed: BMS {Device}: control is not allowed (set allow_control: true)");
    }

    private static JsonNode StateOf(OutboundMessage message) => JsonNode.Parse(message.Payload)!;
}
