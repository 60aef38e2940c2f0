using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Xunit;

namespace Streams.Tests.Config;

/// <summary>Every file shipped in config/ (copied next to the tests by the project file) must load cleanly.</summary>
public sealed class ExampleFilesTests
{
    private static readonly string ConfigDirectory = Path.Combine(AppContext.BaseDirectory, "config");

    public static TheoryData<string> ExampleFiles() => new(ExampleNames());

    private static string[] ExampleNames() =>
        Directory.GetFiles(ConfigDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(ConfigDirectory, file))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static StreamsConfig LoadExample(string name)
    {
        var result = Configuration.Load(Path.Combine(ConfigDirectory, name));
        result.Errors.Should().BeEmpty("{0} must load, but got:\n{1}", name, string.Join("\n", result.Errors));
        result.Warnings.Should().BeEmpty("{0} should not carry ignored settings, but got:\n{1}", name, string.Join("\n", result.Warnings));
        return result.Config!;
    }

    [Fact]
    public void The_examples_are_there()
    {
        ExampleNames().Should().Contain(["demo.yaml", "example.yaml", "network.yaml", "seed-example.yaml", "simulator.yaml"]);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_file_loads_without_errors_or_warnings(string name)
    {
        LoadExample(name).Sources.Should().NotBeEmpty();
    }

    [Fact]
    public void Native_example_shows_every_source_kind()
    {
        var config = LoadExample("example.yaml");

        config.Format.Should().Be(ConfigFormat.Native);
        config.Sources.Select(s => s.Kind).Distinct().Should().BeEquivalentTo(
            ["eg4-modbus", "eg4-7e", "sniffer", "jbd-serial", "jbd-ble", "simulator"]);
        config.Sources.OfType<JbdBleSourceConfig>().Select(s => s.Proxy?.Endpoint).Should().Equal(null, "bms-proxy.local:6053");
        config.Mqtt.Should().NotBeNull();
    }

    [Fact]
    public void Seed_example_maps_to_one_eg4_modbus_source_per_pack()
    {
        var config = LoadExample("seed-example.yaml");

        config.Format.Should().Be(ConfigFormat.Seed);
        config.Sources.Should().AllBeOfType<Eg4ModbusSourceConfig>()
            .Which.Select(s => (s.Packs.Single().Name, s.RegisterCount)).Should().Equal(("lifepower4_1", 47), ("lifepower4_2", 47));
    }

    [Fact]
    public void Simulator_example_needs_no_hardware_and_no_broker()
    {
        var config = LoadExample("simulator.yaml");

        config.Sources.Should().AllBeOfType<SimulatorSourceConfig>();
        config.Mqtt.Should().BeNull();
    }

    [Fact]
    public void Defaults_spelled_out_in_the_native_example_are_the_loader_defaults()
    {
        var example = LoadExample("example.yaml");
        var minimal = Configuration.LoadFromText("""
            sources:
              - kind: eg4-modbus
                port: /dev/ttyUSB0
                packs: [{name: pack1, address: 1}, {name: pack2, address: 2}]
              - kind: eg4-7e
                port: /dev/ttyUSB1
                packs: [{name: legacy1, address: 1}]
              - kind: sniffer
                port: /dev/ttyUSB2
                baud: 19200
                packs: [{name: inverter_bank1, address: 16}]
              - kind: jbd-serial
                port: /dev/ttyUSB3
                name: jbd_uart
              - kind: jbd-ble
                mac: "A4:C1:38:00:11:22"
                name: jbd_ble
              - kind: jbd-ble
                mac: "A4:C1:38:00:33:44"
                name: jbd_cabin
                via: esphome
                host: bms-proxy.local
                encryption_key: "ReplaceWithTheKeyFromTheProxyYamlApiEncKey0="
              - kind: simulator
                device: eg4-ll
                packs: [{name: sim1, address: 1}]
            mqtt:
              host: broker.local
              username: streams
            """, "minimal.yaml", _ => null).Config;

        example.Should().Be(minimal);
    }

    [Fact]
    public void Network_example_reaches_a_transparent_converter_a_modbus_tcp_gateway_and_sniffs_through_a_converter()
    {
        var config = LoadExample("network.yaml");

        config.Sources.Select(s => s switch
        {
            Eg4ModbusSourceConfig modbus => (s.Kind, modbus.Port, modbus.Protocol),
            SnifferSourceConfig sniffer => (s.Kind, sniffer.Port, ModbusProtocol.Rtu),
            _ => throw new InvalidOperationException(s.Kind),
        }).Should().Equal(
            ("eg4-modbus", "tcp://192.168.1.50:8899", ModbusProtocol.Rtu),
            ("eg4-modbus", "tcp://192.168.1.60:502", ModbusProtocol.ModbusTcp),
            ("sniffer", "tcp://192.168.1.70:8899", ModbusProtocol.Rtu));
    }

    [Fact]
    public void Demo_runs_separate_ports_a_shared_bus_and_a_jbd_on_the_console()
    {
        var config = LoadExample("demo.yaml");

        config.Mqtt.Should().BeNull();
        var simulators = config.Sources.Should().AllBeOfType<SimulatorSourceConfig>().Which.ToArray();
        simulators.Select(s => (s.Device, s.Packs.Count, s.PollInterval)).Should().Equal(
            ("eg4-ll", 1, TimeSpan.FromSeconds(10)),
            ("eg4-ll", 1, TimeSpan.FromSeconds(10)),
            ("eg4-ll", 2, TimeSpan.FromSeconds(10)),
            ("jbd", 1, TimeSpan.FromSeconds(10)));
    }
}
