using FluentAssertions;
using Streams.Config.Model;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

/// <summary>
/// <c>port: tcp://host:port</c> wherever a serial port goes, <c>baud</c> ignored there with a
/// warning, and <c>protocol: rtu | modbus-tcp</c> on the Modbus kinds only.
/// </summary>
public sealed class NetworkPortTests
{
    private static string Source(string kind, string port, string extra = "") => $"""
        sources:
          - kind: {kind}
            port: {port}{extra}
        {Tail(kind)}
        """;

    private static string Tail(string kind) => kind == "jbd-serial" ? "    name: jbd1" : "    packs: [{name: p1, address: 1}]";

    [Theory]
    [InlineData("eg4-modbus")]
    [InlineData("eg4-7e")]
    [InlineData("jbd-serial")]
    [InlineData("sniffer")]
    public void Every_serial_kind_takes_a_tcp_port(string kind)
    {
        var result = Load(Source(kind, "tcp://192.168.1.50:8899"));

        result.Errors.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
        PortOf(result.Config!.Sources.Single()).Should().Be("tcp://192.168.1.50:8899");
    }

    [Fact]
    public void Host_names_and_bracketed_ipv6_addresses_are_kept_in_one_spelling()
    {
        PortOf(ShouldLoad(Source("eg4-modbus", "TCP://ew11.local:8899")).Sources[0]).Should().Be("tcp://ew11.local:8899");
        PortOf(ShouldLoad(Source("eg4-modbus", "\"tcp://[fd00::50]:502\"")).Sources[0]).Should().Be("tcp://[fd00::50]:502");
    }

    [Fact]
    public void A_baud_on_a_tcp_port_is_a_warning_at_the_baud_key()
    {
        var result = Load(Source("eg4-modbus", "tcp://192.168.1.50:8899", "\n    baud: 19200"));

        result.Errors.Should().BeEmpty();
        var warning = result.Warnings.Should().ContainSingle().Subject;
        warning.ToString().Should().Be(
            "config.yaml:4:11: sources[0].baud: ignored for tcp://192.168.1.50:8899: a network converter sets the bus speed in its own serial settings (set it to the BMS's speed there)");
    }

    [Theory]
    [InlineData("tcp://192.168.1.50", "'tcp://192.168.1.50' is not a TCP address: no port (expected tcp://host:port, e.g. tcp://192.168.1.50:8899)")]
    [InlineData("tcp://192.168.1.50:70000", "'tcp://192.168.1.50:70000' is not a TCP address: port '70000' is not a number 1-65535")]
    [InlineData("tcp://10.1:502", "'tcp://10.1:502' is not a TCP address: '10.1' is not an IPv4 address (four numbers 0-255 separated by dots)")]
    [InlineData("tcp://ew11.local:8899/x", "'tcp://ew11.local:8899/x' is not a TCP address: '/' has no place in it (expected tcp://host:port, e.g. tcp://192.168.1.50:8899)")]
    public void A_bad_address_is_an_error_at_the_port_with_the_endpoint_s_reason(string port, string message)
    {
        var error = ShouldFailAt(Source("eg4-modbus", port), "sources[0].port", 3, message);

        error.Column.Should().Be(11);
        error.Message.Should().Be(message);
    }

    [Fact]
    public void A_network_address_without_the_scheme_is_an_error_that_shows_the_spelling()
    {
        var error = ShouldFailAt(Source("eg4-7e", "192.168.1.50:8899"), "sources[0].port", 3, "reads as a network address");

        error.Message.Should().Be("'192.168.1.50:8899' reads as a network address, not a serial device path: write tcp://192.168.1.50:8899 for a converter");
    }

    [Fact]
    public void Two_spellings_of_one_converter_are_one_port()
    {
        var text = """
            sources:
              - kind: eg4-modbus
                port: tcp://EW11.local:8899
                packs: [{name: p1, address: 1}]
              - kind: sniffer
                port: tcp://ew11.local:8899
            """;

        ShouldFailAt(text, "sources[1].port", 6, "port 'tcp://ew11.local:8899' is already used by sources[0].port (line 3); one port, one source");
    }

    [Fact]
    public void Protocol_defaults_to_rtu_and_takes_modbus_tcp_on_a_tcp_port()
    {
        Eg4Modbus(ShouldLoad(Source("eg4-modbus", "tcp://192.168.1.50:8899"))).Protocol.Should().Be(ModbusProtocol.Rtu);
        Eg4Modbus(ShouldLoad(Source("eg4-modbus", "tcp://192.168.1.50:8899", "\n    protocol: rtu"))).Protocol.Should().Be(ModbusProtocol.Rtu);
        Eg4Modbus(ShouldLoad(Source("eg4-modbus", "tcp://192.168.1.50:502", "\n    protocol: modbus-tcp"))).Protocol.Should().Be(ModbusProtocol.ModbusTcp);
    }

    [Fact]
    public void Modbus_tcp_on_a_serial_port_is_an_error() =>
        ShouldFailAt(Source("eg4-modbus", "/dev/ttyUSB0", "\n    protocol: modbus-tcp"), "sources[0].protocol", 4,
            "modbus-tcp needs a gateway's tcp://host:port; the serial port '/dev/ttyUSB0' speaks rtu");

    [Fact]
    public void An_unknown_protocol_lists_the_choices() =>
        ShouldFailAt(Source("eg4-modbus", "tcp://192.168.1.50:502", "\n    protocol: mbap"), "sources[0].protocol", 4, "rtu, modbus-tcp");

    [Theory]
    [InlineData("eg4-7e")]
    [InlineData("jbd-serial")]
    public void A_protocol_on_a_kind_that_is_not_modbus_is_one_error(string kind)
    {
        var result = Load(Source(kind, "tcp://192.168.1.50:8899", "\n    protocol: rtu"));

        result.Errors.Should().ContainSingle().Which.ToString().Should().Be(
            $"config.yaml:4:15: sources[0].protocol: {kind} is not Modbus and has no protocol choice; through a network converter it needs the converter's transparent mode (port: tcp://host:port)");
    }

    [Fact]
    public void A_sniffer_refuses_a_modbus_tcp_gateway_and_takes_rtu()
    {
        ShouldLoad(Source("sniffer", "tcp://192.168.1.50:8899", "\n    protocol: rtu"));

        var result = Load(Source("sniffer", "tcp://192.168.1.50:502", "\n    protocol: modbus-tcp"));

        result.Errors.Should().ContainSingle().Which.ToString().Should().Be(
            "config.yaml:4:15: sources[0].protocol: a sniffer cannot listen through a Modbus TCP gateway, which shows each client only its own transactions; set the converter to transparent mode (protocol: rtu)");
    }

    [Fact]
    public void The_seed_format_takes_tcp_ports_for_the_bus_and_for_each_pack()
    {
        var perPack = ShouldLoad("""
            bus:
              mode: modbus_per_pack
            packs:
              - name: lifepower4_1
                address: 1
                port: tcp://192.168.1.51:8899
              - name: lifepower4_2
                address: 1
                port: /dev/ttyUSB1
            """);
        perPack.Sources.Select(PortOf).Should().Equal("tcp://192.168.1.51:8899", "/dev/ttyUSB1");

        var passive = Load("""
            bus:
              mode: passive
              port: tcp://192.168.1.50:8899
              baud: 19200
            packs:
              - name: lifepower4_1
                address: 1
            """);
        passive.Errors.Should().BeEmpty();
        passive.Config!.Sources.Should().ContainSingle().Which.Should().BeOfType<SnifferSourceConfig>().Which.Port.Should().Be("tcp://192.168.1.50:8899");
        passive.Warnings.Should().ContainSingle().Which.KeyPath.Should().Be("bus.baud");
    }

    [Fact]
    public void A_bad_seed_pack_address_is_an_error_at_that_pack_s_port() =>
        ShouldFailAt("""
            bus:
              mode: modbus_per_pack
            packs:
              - name: lifepower4_1
                address: 1
                port: tcp://:8899
            """, "packs[0].port", 6, "'tcp://:8899' is not a TCP address: no host");

    private static Eg4ModbusSourceConfig Eg4Modbus(StreamsConfig config) => config.Sources.Single().Should().BeOfType<Eg4ModbusSourceConfig>().Subject;

    private static string PortOf(SourceConfig source) => source switch
    {
        Eg4ModbusSourceConfig s => s.Port,
        Eg4LegacySourceConfig s => s.Port,
        JbdSerialSourceConfig s => s.Port,
        SnifferSourceConfig s => s.Port,
        _ => throw new ArgumentException($"{source.Kind} has no port", nameof(source)),
    };
}
