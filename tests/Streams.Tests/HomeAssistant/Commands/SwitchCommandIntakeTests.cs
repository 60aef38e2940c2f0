using System.Reactive.Subjects;
using System.Text;
using FluentAssertions;
using Serilog.Events;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Commands;
using Streams.Mqtt;
using Streams.Sinks;
using Streams.Tests.Mqtt;
using Xunit;

namespace Streams.Tests.HomeAssistant.Commands;

public sealed class SwitchCommandIntakeTests : IDisposable
{
    private readonly Subject<MqttApplicationMessage> _messages = new();
    private readonly RecordingMessageSink _sink = new();
    private readonly CollectingSink _log = new();
    private readonly List<SwitchCommand> _commands = [];
    private readonly IDisposable _subscription;

    public SwitchCommandIntakeTests()
    {
        var options = new HomeAssistantOptions
        {
            DiscoveryPrefix = "homeassistant",
            BaseTopic = "streams",
            Devices = new Dictionary<string, DeviceSettings> { ["jbd1"] = new(TimeSpan.FromSeconds(10), JbdSwitches.All) },
        };
        _subscription = _messages.SwitchCommands(new BridgeTopics("streams"), options, _sink, _log.CreateLogger()).Subscribe(_commands.Add);
    }

    [Fact]
    public void An_accepted_command_is_logged_as_requested()
    {
        Receive("streams/jbd1/charge_mosfet/set", "OFF");

        _commands.Should().Equal(new SwitchCommand("jbd1", "charge_mosfet", false));
        _log.Messages(LogEventLevel.Information).Should().ContainSingle().Which.Should().Contain("charge_mosfet").And.Contain("OFF");
    }

    [Fact]
    public void Our_own_clearing_echoed_back_is_dropped_silently()
    {
        Receive("streams/jbd1/charge_mosfet/set", "");

        _commands.Should().BeEmpty();
        _sink.Messages.Should().BeEmpty();
        _log.Events.Should().BeEmpty();
    }

    [Fact]
    public void Other_topics_pass_by_unseen()
    {
        Receive("homeassistant/status", "online");
        Receive("streams/bridge/discovery", "{}");

        _commands.Should().BeEmpty();
        _log.Events.Should().BeEmpty();
    }

    [Theory]
    [InlineData("streams/jbd1/heater/set", "ON", false, "has no switch heater")]
    [InlineData("streams/pack9/charge_mosfet/set", "ON", false, "has no switch charge_mosfet")]
    [InlineData("streams/jbd1/charge_mosfet/set", "On", false, "only ON or OFF")]
    [InlineData("streams/jbd1/charge_mosfet/set", "ON", true, "retained command")]
    public void A_refused_command_is_logged_with_the_reason(string topic, string payload, bool retained, string reason)
    {
        Receive(topic, payload, retained);

        _commands.Should().BeEmpty();
        _log.Messages(LogEventLevel.Warning).Should().ContainSingle().Which.Should().Contain(reason);
    }

    [Fact]
    public void A_stale_retained_command_is_cleared_on_the_broker()
    {
        Receive("streams/jbd1/discharge_mosfet/set", "OFF", retained: true);

        _sink.Messages.Should().Equal(new OutboundMessage("streams/jbd1/discharge_mosfet/set", "", retain: true));
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _messages.Dispose();
    }

    private void Receive(string topic, string payload, bool retained = false) =>
        _messages.OnNext(new MqttApplicationMessage(topic, Encoding.UTF8.GetBytes(payload), MqttQualityOfService.AtLeastOnce, retained));
}
