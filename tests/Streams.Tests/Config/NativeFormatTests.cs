using FluentAssertions;
using Serilog.Events;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Core;
using Streams.HomeAssistant;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

public sealed class NativeFormatTests
{
    [Fact]
    public void Eg4_modbus_reads_every_setting()
    {
        var config = ShouldLoad("""
            sources:
              - kind: eg4-modbus
                port: /dev/ttyUSB0
                baud: 115200
                timeout: 800ms
                poll_interval: 30s
                register_count: 47
                inter_frame_gap: 0ms
                capture: /var/lib/streams/bus0.bin
                packs:
                  - {name: pack1, address: 1}
                  - {name: pack2, address: 0x10}
            """);

        config.Format.Should().Be(ConfigFormat.Native);
        config.Sources.Should().Equal(new Eg4ModbusSourceConfig("/dev/ttyUSB0", 115200, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), 47,
            TimeSpan.Zero, "/var/lib/streams/bus0.bin", Packs(new PackConfig("pack1", 1), new PackConfig("pack2", 16))));
    }

    [Fact]
    public void Eg4_modbus_defaults()
    {
        var source = ShouldLoad("sources:\n  - kind: eg4-modbus\n    port: /dev/ttyUSB0\n    packs: [{name: p, address: 1}]\n").Sources.Single();

        source.Should().Be(new Eg4ModbusSourceConfig("/dev/ttyUSB0", 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10), 39,
            TimeSpan.FromMilliseconds(5), null, Packs(new PackConfig("p", 1))));
        source.Kind.Should().Be("eg4-modbus");
    }

    [Fact]
    public void Eg4_7e_reads_cell_count_and_defaults_to_16_cells()
    {
        var config = ShouldLoad("""
            sources:
              - kind: eg4-7e
                port: /dev/ttyS0
                packs: [{name: a, address: 1}, {name: b, address: 2}]
              - kind: eg4-7e
                port: /dev/ttyS1
                cell_count: 8
                timeout: 2s
                packs: [{name: c, address: 1}]
            """);

        config.Sources.Cast<Eg4LegacySourceConfig>().Select(s => (s.CellCount, s.Timeout, s.Packs.Count))
            .Should().Equal((16, TimeSpan.FromSeconds(1.5), 2), (8, TimeSpan.FromSeconds(2), 1));
    }

    [Fact]
    public void Sniffer_packs_are_optional()
    {
        var config = ShouldLoad("sources:\n  - kind: sniffer\n    port: /dev/ttyUSB2\n    baud: 19200\n");

        config.Sources.Should().Equal(new SnifferSourceConfig("/dev/ttyUSB2", 19200, null, Packs()));
    }

    [Fact]
    public void Jbd_serial_reads_port_baud_and_name()
    {
        var config = ShouldLoad("sources:\n  - kind: jbd-serial\n    port: /dev/ttyAMA0\n    name: house\n    poll_interval: 5s\n");

        config.Sources.Should().Equal(new JbdSerialSourceConfig("/dev/ttyAMA0", 9600, "house", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5), null));
    }

    [Fact]
    public void Jbd_ble_normalises_the_mac_and_defaults_to_read_only_on_hci0()
    {
        var source = ShouldLoad("sources:\n  - kind: jbd-ble\n    mac: a4:c1:38:0a:0b:0c\n    name: shed\n").Sources.Single();

        source.Should().Be(new JbdBleSourceConfig("A4:C1:38:0A:0B:0C", "shed", "hci0", null, false, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Jbd_ble_reads_password_adapter_and_control()
    {
        var source = (JbdBleSourceConfig)ShouldLoad(
            "sources:\n  - kind: jbd-ble\n    mac: A4:C1:38:0A:0B:0C\n    name: shed\n    adapter: hci1\n    password: \"123456\"\n    allow_control: true\n").Sources.Single();

        source.Adapter.Should().Be("hci1");
        source.Password!.Reveal().Should().Be("123456");
        source.AllowControl.Should().BeTrue();
    }

    [Theory]
    [InlineData("eg4-ll", "eg4-ll")]
    [InlineData("eg4-ll-master", "eg4-ll-master")]
    [InlineData("eg4-7e", "eg4-7e")]
    [InlineData("jbd", "jbd")]
    public void Simulator_reads_each_device(string device, string expected)
    {
        var source = ShouldLoad($"sources:\n  - kind: simulator\n    device: {device}\n    poll_interval: 1s\n    packs: [{{name: s, address: 1}}]\n").Sources.Single();

        source.Should().Be(new SimulatorSourceConfig(expected, TimeSpan.FromSeconds(1), 39, 16, Packs(new PackConfig("s", 1))));
    }

    [Fact]
    public void Absent_mqtt_means_console_output()
    {
        ShouldLoad("sources:\n  - kind: simulator\n    device: jbd\n    packs: [{name: s, address: 1}]\n").Mqtt.Should().BeNull();
    }

    [Fact]
    public void Mqtt_defaults()
    {
        var mqtt = ShouldLoad("sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: broker\n").Mqtt;

        mqtt.Should().Be(new MqttConfig("broker", 1883, null, null, "streams", TimeSpan.FromSeconds(20), "homeassistant", "streams", DiscoveryMode.Device, null, Streams.Mqtt.MqttProtocol.V311));
    }

    [Fact]
    public void Mqtt_port_defaults_to_8883_with_tls()
    {
        var mqtt = ShouldLoad("sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: broker\n  tls: {insecure: true}\n").Mqtt!;

        mqtt.Port.Should().Be(8883);
        mqtt.Tls.Should().Be(new MqttTlsConfig(null, null, null, Insecure: true));
    }

    [Fact]
    public void Mqtt_reads_every_setting()
    {
        var mqtt = ShouldLoad("""
            sources:
              - kind: sniffer
                port: /dev/x
            mqtt:
              host: 10.0.0.2
              port: 1884
              username: bms
              password: pw
              client_id: garage-bridge
              keepalive: 2m
              discovery_prefix: ha
              base_topic: bms/garage
              discovery: entity
              protocol: 5
            """).Mqtt!;

        mqtt.Should().Be(new MqttConfig("10.0.0.2", 1884, "bms", new Secret("pw"), "garage-bridge", TimeSpan.FromMinutes(2), "ha", "bms/garage", DiscoveryMode.Entity, null, Streams.Mqtt.MqttProtocol.V5));
    }

    [Fact]
    public void Mqtt_protocol_3_1_1_can_be_spelled_out()
    {
        var mqtt = ShouldLoad("sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: broker\n  protocol: 3.1.1\n").Mqtt!;

        mqtt.Protocol.Should().Be(Streams.Mqtt.MqttProtocol.V311);
    }

    [Fact]
    public void Logging_and_health_sections()
    {
        var config = ShouldLoad("""
            sources:
              - kind: sniffer
                port: /dev/x
            logging:
              level: warning
              file: /var/log/streams.log
              file_level: debug
            health:
              offline_after: 5
              heartbeat: 30m
            """);

        config.Logging.Should().Be(new LoggingConfig(LogEventLevel.Warning, "/var/log/streams.log", LogEventLevel.Debug));
        config.Health.Should().Be(new HealthConfig(5, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void File_level_defaults_to_the_console_level()
    {
        var config = ShouldLoad("sources:\n  - kind: sniffer\n    port: /dev/x\nlogging:\n  level: debug\n  file: s.log\n");

        config.Logging.FileLevel.Should().Be(LogEventLevel.Debug);
    }

    [Fact]
    public void Relative_paths_are_resolved_against_the_configuration_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "streams-config-paths");
        var result = Configuration.LoadFromText(
            "sources:\n  - kind: sniffer\n    port: /dev/x\n    capture: captures/bus.bin\nlogging:\n  file: logs/streams.log\n",
            Path.Combine(directory, "streams.yaml"),
            _ => null);

        result.Succeeded.Should().BeTrue();
        ((SnifferSourceConfig)result.Config!.Sources[0]).CapturePath.Should().Be(Path.Combine(directory, "captures", "bus.bin"));
        result.Config.Logging.File.Should().Be(Path.Combine(directory, "logs", "streams.log"));
    }

    [Fact]
    public void Empty_values_count_as_absent()
    {
        var config = ShouldLoad("sources:\n  - kind: eg4-modbus\n    port: /dev/x\n    baud:\n    timeout: ~\n    packs: [{name: p, address: 1}]\nmqtt:\n");

        var source = (Eg4ModbusSourceConfig)config.Sources[0];
        source.Baud.Should().Be(9600);
        source.Timeout.Should().Be(TimeSpan.FromSeconds(1.5));
        config.Mqtt.Should().BeNull();
    }

    [Fact]
    public void Two_loads_of_the_same_text_are_equal()
    {
        const string text = "sources:\n  - kind: eg4-7e\n    port: /dev/x\n    packs: [{name: a, address: 1}]\nmqtt:\n  host: h\n  username: u\n  password: p\n";

        ShouldLoad(text).Should().Be(ShouldLoad(text));
    }

    [Fact]
    public void Loaded_lists_cannot_be_modified()
    {
        var config = ShouldLoad("sources:\n  - kind: eg4-7e\n    port: /dev/x\n    packs: [{name: a, address: 1}]\n");

        config.Sources.Should().NotBeAssignableTo<IList<SourceConfig>>();
        ((Eg4LegacySourceConfig)config.Sources[0]).Packs.Should().NotBeAssignableTo<IList<PackConfig>>();
    }

    [Fact]
    public void Printing_the_configuration_shows_the_items_of_lists()
    {
        var text = ShouldLoad("sources:\n  - kind: eg4-7e\n    port: /dev/x\n    packs: [{name: a, address: 1}]\n").ToString();

        text.Should().Contain("PackConfig { Name = a, Address = 1 }").And.Contain("Kind = eg4-7e");
    }

    [Fact]
    public void File_level_without_a_file_is_accepted_with_a_warning()
    {
        var result = Load("sources:\n  - kind: sniffer\n    port: /dev/x\nlogging:\n  file_level: debug\n");

        result.Succeeded.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.ToString().Should().Be("config.yaml:5:15: logging.file_level: has no effect without 'file'");
    }

    [Fact]
    public void Base_topic_equal_to_the_discovery_prefix_is_accepted_with_a_warning()
    {
        var result = Load("sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: h\n  base_topic: homeassistant\n");

        result.Succeeded.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.KeyPath.Should().Be("mqtt.base_topic");
    }
}
