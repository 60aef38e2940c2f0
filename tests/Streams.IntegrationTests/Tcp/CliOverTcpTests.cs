using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Devices.Eg4Ll;
using Streams.IntegrationTests.Simulation;
using Streams.IntegrationTests.Support;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// The whole path a user runs: a configuration file with <c>port: tcp://127.0.0.1:PORT</c>, the
/// <c>streams</c> command, its registry and the published state, against socat as a transparent
/// converter in front of our simulator and libmodbus's Modbus TCP server as a gateway. The timing of
/// restarts and silence is pinned by marbles/tcp; these wait for what the bridge prints.
/// </summary>
public sealed class CliOverTcpTests : ConverterFixture
{
    [Fact]
    public async Task A_transparent_converter_in_front_of_the_simulator_publishes_every_pack_field_by_field()
    {
        var host = Keep(SimulatedSource.Start(Simulator(new PackConfig("a", 1), new PackConfig("b", 2)), Clock));
        var converter = Keep(await SocatConverter.OnDeviceAsync(host.DevicePath));
        var bridge = Keep(ConverterBridge.Start(Directory, Eg4Modbus(converter.Endpoint.ToString(), "", ("a", 1), ("b", 2))));

        foreach (var pack in host.Bus.Devices.Cast<SimulatedEg4LlPack>())
        {
            var name = pack.Address == 1 ? "a" : "b";
            var registers = pack.ReadRegisters()[..Eg4LlRegisterMap.StatusCount];
            ConverterBridge.ShouldHoldFields(
                await bridge.NextStateAsync(name),
                Eg4LlReadings.ToFields(Eg4LlDecoder.DecodeStatus(registers, 0, pack.Address).Value),
                $"pack {name} as the simulator holds it");
        }

        var identity = host.Bus.Devices.Cast<SimulatedEg4LlPack>().First(p => p.Address == 1).Identity;
        await bridge.NextLogAsync($"pack a: model {identity.Model}, firmware {identity.Firmware}, serial {identity.Serial}");
        bridge.Log.Should().Contain($"port {converter.Endpoint} open");
    }

    [Fact]
    public async Task A_modbus_tcp_gateway_publishes_field_by_field_and_an_absent_unit_is_its_exception()
    {
        var gateway = Keep(await LibmodbusGateway.StartAsync());
        var bridge = Keep(ConverterBridge.Start(Directory, Eg4Modbus(gateway.Endpoint.ToString(), "\n    protocol: modbus-tcp", ("known", LibmodbusGateway.Unit), ("absent", 8))));

        ConverterBridge.ShouldHoldFields(
            await bridge.NextStateAsync("known"),
            Eg4LlReadings.ToFields(KnownPack.Status with { Registers = KnownPack.Table()[..Eg4LlRegisterMap.StatusCount] }),
            "libmodbus's registers read over MBAP");
        await bridge.NextLogAsync($"pack known: model {KnownPack.Identity.Model}, firmware {KnownPack.Identity.Firmware}, serial {KnownPack.Identity.Serial}");
        await bridge.NextLogAsync("pack absent: pack 0x08 answered with Modbus exception 11 (gateway target device failed to respond)");
    }

    [Fact]
    public async Task A_converter_restart_takes_the_pack_offline_and_back_with_fresh_readings()
    {
        var host = Keep(SimulatedSource.Start(Simulator(new PackConfig("a", 1)), Clock));
        var converter = Keep(await SocatConverter.OnDeviceAsync(host.DevicePath));
        var bridge = Keep(ConverterBridge.Start(Directory, Eg4Modbus(converter.Endpoint.ToString(), "", ("a", 1)) + "logging:\n  level: debug\n"));
        var before = await bridge.NextStateAsync("a");

        converter.Dispose();
        (await bridge.NextLogAsync($"port {converter.Endpoint} disconnected: ")).Should().Contain($"Connection to converter {converter.Endpoint} lost (");
        await bridge.NextLogAsync($"port {converter.Endpoint} still disconnected: Converter {converter.Endpoint} refused the connection");
        await bridge.NextLineAsync("streams/a/availability offline");
        converter = Keep(await converter.RestartAsync());

        await bridge.NextLogAsync($"port {converter.Endpoint} open");
        await bridge.NextLineAsync("streams/a/availability online");
        var after = await bridge.NextStateAsync("a");
        ConverterBridge.ShouldHoldFieldsOf(after, before, "the same pack, read again through the restarted converter");
        await bridge.NextLogAsync("pack a: recovered after");
    }

    [Fact]
    public async Task A_silent_converter_is_a_timeout_for_its_pack_while_another_converter_keeps_publishing()
    {
        var deadBus = Keep(PseudoTerminal.Open());
        var silent = Keep(await SocatConverter.OnDeviceAsync(deadBus.DevicePath));
        var host = Keep(SimulatedSource.Start(Simulator(new PackConfig("b", 2)), Clock));
        var healthy = Keep(await SocatConverter.OnDeviceAsync(host.DevicePath));
        var yaml = $$"""
            sources:
              - kind: eg4-modbus
                port: {{silent.Endpoint}}
                timeout: 300ms
                poll_interval: 200ms
                packs: [{name: a, address: 1}]
              - kind: eg4-modbus
                port: {{healthy.Endpoint}}
                poll_interval: 200ms
                packs: [{name: b, address: 2}]
            """;
        var bridge = Keep(ConverterBridge.Start(Directory, yaml));

        await bridge.NextLogAsync("pack a: read of registers 0-38 from 0x01 on " + silent.Endpoint + ": no reply within 0.3 s");
        await bridge.NextLineAsync("streams/a/availability offline");
        await bridge.NextStateAsync("b");

        bridge.Log.Should().Contain($"port {silent.Endpoint} open").And.NotContain($"port {silent.Endpoint} disconnected", "a silent converter is still connected");
    }

    [Theory]
    [InlineData("rtu")]
    [InlineData("modbus-tcp")]
    public async Task A_capture_over_tcp_replays_through_the_sniffer_to_the_same_pack(string protocol)
    {
        var capture = Path.Combine(Directory, "bus.bin");
        string yaml;
        string pack;
        if (protocol == "rtu")
        {
            var host = Keep(SimulatedSource.Start(Simulator(new PackConfig("shed", 4)), Clock));
            var converter = Keep(await SocatConverter.OnDeviceAsync(host.DevicePath));
            yaml = Eg4Modbus(converter.Endpoint.ToString(), "", ("shed", 4));
            pack = "shed";
        }
        else
        {
            var gateway = Keep(await LibmodbusGateway.StartAsync());
            yaml = Eg4Modbus(gateway.Endpoint.ToString(), "\n    protocol: modbus-tcp", ("known", LibmodbusGateway.Unit));
            pack = "known";
        }

        JsonElement polled;
        using (var bridge = ConverterBridge.Start(Directory, yaml, "--capture", capture))
        {
            await bridge.NextStateAsync(pack);
            polled = await bridge.NextStateAsync(pack);
            (await bridge.StopAsync()).Should().Be(0, bridge.Log);
        }

        var (exit, output, error) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "-C", Path.Combine(Directory, "streams.yaml"), "--replay", capture], ConverterBridge.Wait);

        exit.Should().Be(0, error);
        // The identity reads replay too, as raw registers of the same pack: the status reads are those with a voltage.
        var replayed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith(ConverterBridge.StatePrefix(pack), StringComparison.Ordinal))
            .Select(line => ConverterBridge.StateOf(pack, line))
            .Where(state => state.GetProperty("pack_voltage").ValueKind == JsonValueKind.Number)
            .ToList();
        replayed.Should().HaveCountGreaterThanOrEqualTo(2, "every captured status read replays under the configured name");
        replayed.Should().AllSatisfy(state => ConverterBridge.ShouldHoldFieldsOf(state, polled, "the sniffer decodes the capture to what was polled"));
    }

    [Fact]
    public async Task A_dry_run_of_a_network_config_needs_no_converter()
    {
        var path = ConverterBridge.WriteConfig(Directory, Eg4Modbus("tcp://192.0.2.1:502", "\n    protocol: modbus-tcp", ("a", 1)));

        var (exit, output, error) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "-C", path, "--dry-run"], ConverterBridge.Wait);

        exit.Should().Be(0, error);
        output.Should().Contain("streams/a/state {\"pack_voltage\":");
    }

    [Fact]
    public async Task A_bad_converter_address_is_one_line_naming_key_line_and_column_and_exit_2()
    {
        var path = ConverterBridge.WriteConfig(Directory, Eg4Modbus("tcp://192.168.1.50", "", ("a", 1)));

        var (exit, output, error) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "-C", path], ConverterBridge.Wait);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Be(
            $"streams: {path}:3:11: sources[0].port: 'tcp://192.168.1.50' is not a TCP address: no port (expected tcp://host:port, e.g. tcp://192.168.1.50:8899)");
    }

    /// <summary>One eg4-modbus source polled every 200 ms on <paramref name="port"/>.</summary>
    private static string Eg4Modbus(string port, string extra, params (string Name, int Address)[] packs) => $"""
        sources:
          - kind: eg4-modbus
            port: {port}{extra}
            poll_interval: 200ms
            timeout: 800ms
            packs:
        {string.Concat(packs.Select(p => string.Create(CultureInfo.InvariantCulture, $"      - {{name: {p.Name}, address: {p.Address}}}\n")))}
        """;

    private static SimulatorSourceConfig Simulator(params PackConfig[] packs) =>
        new(Eg4ModbusKind.Slave, TimeSpan.FromSeconds(10), Eg4LlRegisterMap.StatusCount, 16, packs);
}
