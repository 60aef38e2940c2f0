using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Core;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;
using Xunit;

namespace Streams.Tests.Composition;

public class ConfiguredDevicesTests
{
    [Fact]
    public void Every_source_contributes_its_devices_with_poll_interval_and_switches()
    {
        var config = new StreamsConfig(
            [
                new Eg4ModbusSourceConfig("/dev/ttyUSB0", 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(20), 39, TimeSpan.FromMilliseconds(5), null, [new PackConfig("pack1", 1), new PackConfig("pack2", 2)]),
                new JbdBleSourceConfig("AA:BB:CC:DD:EE:FF", "jbd1", "hci0", null, AllowControl: true, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
                new JbdSerialSourceConfig("/dev/ttyUSB1", 9600, "jbd2", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15), null),
                new SnifferSourceConfig("/dev/ttyUSB2", 9600, null, [new PackConfig("sniffed", 5)]),
            ],
            null,
            new LoggingConfig(Serilog.Events.LogEventLevel.Information, null, Serilog.Events.LogEventLevel.Information),
            HealthConfig.Default,
            ConfigFormat.Native);

        var devices = ConfiguredDevices.From(config);

        devices["pack2"].PollInterval.Should().Be(TimeSpan.FromSeconds(20));
        devices["pack2"].Switches.Should().BeEmpty();
        devices["jbd1"].PollInterval.Should().Be(TimeSpan.FromSeconds(10));
        devices["jbd1"].Switches.Should().Equal(new SwitchSpec("charge_mosfet", "Charge MOSFET"), new SwitchSpec("discharge_mosfet", "Discharge MOSFET"));
        devices["jbd2"].Switches.Should().BeEmpty("a serial JBD source cannot be controlled");
        devices["sniffed"].PollInterval.Should().Be(HomeAssistantOptions.DefaultPollInterval);
        devices["pack2"].ExpireAfterSeconds.Should().Be(60);

        var options = HomeAssistantSetup.Options(config);
        options.BaseTopic.Should().Be("streams");
        options.Layout.Should().Be(DiscoveryLayout.Device);
        options.AnySwitches.Should().BeTrue();
        HomeAssistantSetup.Options(config with { Mqtt = new MqttConfig("h", 1883, null, null, "c", TimeSpan.FromSeconds(60), "ha", "bms", DiscoveryMode.Entity, null) })
            .Should().Match<HomeAssistantOptions>(o => o.Layout == DiscoveryLayout.Entity && o.DiscoveryPrefix == "ha" && o.BaseTopic == "bms");
    }
}
