using FluentAssertions;
using Streams.Config.Model;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

/// <summary>
/// The seed (seeds/000_de6c6f858a3fc855.txt, eg4-battery) reads BusConfig, MQTTConfig, PackConfig and
/// cell_count with these keys and defaults; its files must load unchanged and map onto the native model.
/// </summary>
public sealed class SeedFormatTests
{
    private static string SeedFile(string mode, string transport = "serial", string busPort = "/dev/ttyUSB0") => $"""
        bus:
          mode: {mode}
          transport: {transport}
          port: "{busPort}"
          baud: 19200
          read_chunk: 512
          timeout_s: 2
          poll_interval_s: 7.5
        mqtt:
          host: 192.168.1.10
          port: 1883
          username: eg4
          password: hunter2
          discovery_prefix: homeassistant
        packs:
          - name: lifepower4_1
            address: 1
          - name: lifepower4_2
            address: 2
        cell_count: 15
        """;

    private static readonly PackConfig Pack1 = new("lifepower4_1", 1);
    private static readonly PackConfig Pack2 = new("lifepower4_2", 2);

    [Fact]
    public void Modbus_per_pack_becomes_one_eg4_modbus_source_per_pack_reading_47_registers()
    {
        var text = """
            bus:
              mode: modbus_per_pack
              baud: 9600
              timeout_s: 1.5
              poll_interval_s: 10.0
            mqtt:
              host: broker
              port: 1883
              username: eg4
              password: pw
            packs:
              - name: lifepower4_1
                address: 1
                port: /dev/ttyUSB0
              - name: lifepower4_2
                address: 1
                port: /dev/ttyUSB1
                baud: 19200
            """;

        var config = ShouldLoad(text);

        config.Format.Should().Be(ConfigFormat.Seed);
        config.Sources.Should().Equal(
            new Eg4ModbusSourceConfig("/dev/ttyUSB0", 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10), 47,
                TimeSpan.FromMilliseconds(5), null, Packs(new PackConfig("lifepower4_1", 1))),
            new Eg4ModbusSourceConfig("/dev/ttyUSB1", 19200, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10), 47,
                TimeSpan.FromMilliseconds(5), null, Packs(new PackConfig("lifepower4_2", 1))));
    }

    [Fact]
    public void Modbus_per_pack_baud_falls_back_to_the_bus_baud()
    {
        var config = ShouldLoad(SeedFile("modbus_per_pack").Replace("address: 1", "address: 1\n    port: /dev/a").Replace("address: 2", "address: 2\n    port: /dev/b"));

        config.Sources.Cast<Eg4ModbusSourceConfig>().Select(s => (s.Port, s.Baud, s.Timeout, s.PollInterval))
            .Should().Equal(("/dev/a", 19200, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7.5)), ("/dev/b", 19200, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7.5)));
    }

    [Fact]
    public void Modbus_per_pack_needs_a_port_on_every_pack() =>
        ShouldFailAt(SeedFile("modbus_per_pack"), "packs[0].port", 16, "required value is missing");

    [Fact]
    public void Modbus_per_pack_ignores_the_bus_port_with_a_warning()
    {
        var result = Load(SeedFile("modbus_per_pack").Replace("address: 1", "address: 1\n    port: /dev/a").Replace("address: 2", "address: 2\n    port: /dev/b"));

        result.Succeeded.Should().BeTrue();
        result.Warnings.Should().Contain(w => w.KeyPath == "bus.port" && w.Line == 4 && w.Message.Contains("ignored in modbus_per_pack mode"));
    }

    [Fact]
    public void Modbus_per_pack_rejects_two_packs_on_one_port()
    {
        var text = SeedFile("modbus_per_pack").Replace("address: 1", "address: 1\n    port: /dev/a").Replace("address: 2", "address: 2\n    port: /dev/a");
        ShouldFailAt(text, "packs[1].port", 21, "port '/dev/a' is already used by packs[0].port (line 18)");
    }

    [Fact]
    public void Active_becomes_one_eg4_7e_source_on_the_shared_bus()
    {
        var config = ShouldLoad(SeedFile("active"));

        config.Sources.Should().Equal(new Eg4LegacySourceConfig(
            Port: "/dev/ttyUSB0",
            Baud: 19200,
            Timeout: TimeSpan.FromSeconds(2),
            PollInterval: TimeSpan.FromSeconds(7.5),
            InterFrameGap: TimeSpan.FromMilliseconds(5),
            CellCount: 15,
            CapturePath: null,
            Packs: Packs(Pack1, Pack2)));
    }

    [Fact]
    public void Passive_becomes_a_sniffer_with_the_packs_as_names()
    {
        var config = ShouldLoad(SeedFile("passive"));

        config.Sources.Should().Equal(new SnifferSourceConfig("/dev/ttyUSB0", 19200, null, Packs(Pack1, Pack2)));
    }

    [Fact]
    public void Mock_modbus_per_pack_becomes_one_simulator_per_pack_and_keeps_quiet_about_ports()
    {
        var text = SeedFile("modbus_per_pack", transport: "mock").Replace("address: 2", "address: 1\n    port: /dev/b");

        var result = Load(text);

        result.Errors.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
        result.Config!.Sources.Should().Equal(
            new SimulatorSourceConfig("eg4-ll", TimeSpan.FromSeconds(7.5), 47, 16, Packs(new PackConfig("lifepower4_1", 1))),
            new SimulatorSourceConfig("eg4-ll", TimeSpan.FromSeconds(7.5), 47, 16, Packs(new PackConfig("lifepower4_2", 1))));
    }

    [Theory]
    [InlineData("active", "eg4-7e", 15)]
    [InlineData("passive", "eg4-ll", 16)]
    public void Mock_transport_becomes_a_simulator_of_the_matching_device(string mode, string device, int cellCount)
    {
        var config = ShouldLoad(SeedFile(mode, transport: "mock", busPort: ""));

        config.Sources.Should().Equal(new SimulatorSourceConfig(device, TimeSpan.FromSeconds(7.5), 47, cellCount, Packs(Pack1, Pack2)));
    }

    [Fact]
    public void Seed_mqtt_keys_map_onto_the_native_mqtt_settings()
    {
        var mqtt = ShouldLoad(SeedFile("active")).Mqtt!;

        mqtt.Host.Should().Be("192.168.1.10");
        mqtt.Port.Should().Be(1883);
        mqtt.Username.Should().Be("eg4");
        mqtt.Password!.Reveal().Should().Be("hunter2");
        mqtt.DiscoveryPrefix.Should().Be("homeassistant");
        mqtt.Tls.Should().BeNull();
    }

    [Fact]
    public void Seed_defaults_apply_when_keys_are_left_out()
    {
        var config = ShouldLoad("""
            bus:
              mode: active
              port: /dev/ttyS1
            mqtt:
              host: h
              port: 1883
              username: u
              password: p
            packs:
              - name: p1
                address: 3
            """);

        config.Sources.Should().Equal(new Eg4LegacySourceConfig("/dev/ttyS1", 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(5), 16, null, Packs(new PackConfig("p1", 3))));
        config.Logging.Should().Be(LoggingConfig.Default);
        config.Health.Should().Be(HealthConfig.Default);
    }

    [Fact]
    public void Shared_bus_modes_need_the_bus_port() =>
        ShouldFailAt(SeedFile("active").Replace("  port: \"/dev/ttyUSB0\"\n", ""), "bus.port", 2, "required value is missing");

    [Fact]
    public void Shared_bus_modes_warn_about_per_pack_ports()
    {
        var result = Load(SeedFile("passive").Replace("address: 2", "address: 2\n    port: /dev/x"));

        result.Succeeded.Should().BeTrue();
        result.Warnings.Should().ContainSingle(w => w.KeyPath == "packs[1].port").Which.Message.Should().Contain("ignored in passive mode");
    }

    [Fact]
    public void Shared_bus_modes_reject_duplicate_addresses() =>
        ShouldFailAt(SeedFile("active").Replace("address: 2", "address: 1"), "packs[1].address", 19, "address 1 is already used");

    [Fact]
    public void Unknown_mode_is_rejected_as_the_seed_did() =>
        ShouldFailAt(SeedFile("polling"), "bus.mode", 2, "must be one of modbus_per_pack, active, passive, got 'polling'");

    [Fact]
    public void Unknown_transport_is_rejected_as_the_seed_did() =>
        ShouldFailAt(SeedFile("active", transport: "tcp"), "bus.transport", 3, "must be one of serial, mock, got 'tcp'");

    [Fact]
    public void Seconds_keys_take_plain_numbers_only() =>
        ShouldFailAt(SeedFile("active").Replace("timeout_s: 2", "timeout_s: 2s"), "bus.timeout_s", 7, "expected a number of seconds");

    [Fact]
    public void Unknown_bus_key_is_rejected_as_the_dataclass_did() =>
        ShouldFailAt(SeedFile("active").Replace("read_chunk: 512", "read_chunks: 512"), "bus.read_chunks", 6, "did you mean 'read_chunk'?");

    [Fact]
    public void Mixing_seed_and_native_layouts_is_rejected() =>
        ShouldFailAt(SeedFile("active") + "\nsources: []\n", "sources", 21, "cannot be mixed with the seed layout");

    [Fact]
    public void Seed_layout_accepts_the_native_logging_and_health_sections()
    {
        var config = ShouldLoad(SeedFile("active") + "\nhealth:\n  offline_after: 5\n");

        config.Health.OfflineAfter.Should().Be(5);
    }

    [Fact]
    public void Empty_bus_is_reported_as_missing() =>
        ShouldFailAt("bus:\npacks:\n  - {name: a, address: 1}\n", "bus", 1, "required value is missing");
}
