using FluentAssertions;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary>The <c>streams</c> command as a user runs it: a real process, its exit code, its stdout and stderr.</summary>
public sealed class CliTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments) =>
        StreamsCli.RunAsync(RunTimeout, arguments);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string SeedConfig = """
        bus:
          mode: modbus_per_pack
          transport: serial
          baud: 9600
          timeout_s: 1.5
          poll_interval_s: 10
        mqtt:
          host: 192.0.2.1
          port: 1883
          username: bridge
          password: hunter2-secret
          discovery_prefix: homeassistant
        packs:
          - name: lifepower4_1
            address: 1
            port: /dev/ttyUSB-missing-0
          - name: lifepower4_2
            address: 2
            port: /dev/ttyUSB-missing-1
        """;

    [Fact]
    public async Task Dry_run_of_a_seed_format_config_prints_one_cycle_of_every_pack_and_exits_0()
    {
        var config = Write("seed.yaml", SeedConfig);

        var (exit, output, error) = await Run("-C", config, "--dry-run");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(line => line.StartsWith("streams/lifepower4_1/state {\"pack_voltage\":", StringComparison.Ordinal));
        lines.Should().Contain(line => line.StartsWith("streams/lifepower4_2/state {\"pack_voltage\":", StringComparison.Ordinal));
        (output + error).Should().NotContain("hunter2-secret");
    }

    [Fact]
    public async Task A_simulated_master_pack_at_address_1_is_published_as_a_bank_master_device_with_its_readings()
    {
        var config = Write("master.yaml", """
            sources:
              - kind: simulator
                device: eg4-ll-master
                packs: [{name: sim_master, address: 1}]
            """);

        var (exit, output, error) = await Run("-C", config, "--dry-run");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(line => line.StartsWith("homeassistant/device/streams_sim_master/config ", StringComparison.Ordinal)
            && line.Contains("\"mdl\":\"LifePower4 v2 (EG4-LL), bank master\"", StringComparison.Ordinal));
        lines.Should().ContainSingle(line => line.StartsWith("streams/sim_master/state {", StringComparison.Ordinal))
            .Which.Should().ContainAll("\"state_of_charge\":", "\"cell_16_voltage\":", "\"energy_charged\":");
        error.Should().NotContain("master map");
    }

    [Fact]
    public async Task Every_simulated_pack_of_the_simulator_example_publishes_a_state_in_a_dry_run()
    {
        // config/simulator.yaml ships one device of each kind, the bank master too: none may be a device that does nothing.
        // src/App/bin/<configuration>/<framework>/streams.dll is five levels below the repository root.
        var example = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(StreamsCli.DllPath)!, "..", "..", "..", "..", "..", "config", "simulator.yaml"));
        var loaded = Streams.Composition.Configuration.Load(example);
        loaded.Succeeded.Should().BeTrue(string.Join("\n", loaded.Errors));
        var packs = loaded.Config!.Sources.OfType<Streams.Config.Model.SimulatorSourceConfig>().SelectMany(s => s.Packs).Select(p => p.Name).ToList();
        packs.Should().Contain("sim_master");

        var (exit, output, error) = await Run("-C", example, "--dry-run");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        packs.Should().OnlyContain(pack => lines.Count(line => line.StartsWith($"streams/{pack}/state {{", StringComparison.Ordinal)) == 1, "each simulated pack publishes one state per cycle");
    }

    [Fact]
    public async Task Trace_logs_every_frame_sent_and_received_in_hex()
    {
        var config = Write("seed.yaml", SeedConfig);

        var (exit, _, error) = await Run("-C", config, "--dry-run", "--trace");

        exit.Should().Be(0, error);
        // The seed format reads 47 registers from 0: 01 03 00 00 00 2F, CRC 04 16.
        error.Should().Contain(" DBG ").And.Contain(" TX 01030000002F0416");
        error.Should().MatchRegex(@"DBG \S+ Response 0x01: 01035E[0-9A-F]+");
    }

    [Fact]
    public async Task A_broken_config_gives_one_line_per_error_with_key_path_and_line_and_exit_2()
    {
        var config = Write("broken.yaml", SeedConfig.Replace("address: 2", "address: 300", StringComparison.Ordinal));

        var (exit, output, error) = await Run("-C", config, "--dry-run");

        exit.Should().Be(2);
        output.Should().BeEmpty();
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().Be($"streams: {config}:18:14: packs[1].address: must be 1..247, got 300");
    }

    [Fact]
    public async Task A_missing_config_file_is_one_line_and_exit_2()
    {
        var (exit, _, error) = await Run("-C", Path.Combine(_dir.FullName, "nope.yaml"));

        exit.Should().Be(2);
        error.Trim().Should().Be($"streams: {Path.Combine(_dir.FullName, "nope.yaml")}: configuration file not found");
    }

    [Fact]
    public async Task An_unknown_option_is_a_one_line_usage_error_and_exit_2()
    {
        var (exit, _, error) = await Run("-C", "x.yaml", "--frobnicate");

        exit.Should().Be(2);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(line => line.StartsWith("streams: ", StringComparison.Ordinal));
        error.Should().Contain("--frobnicate");
    }

    [Fact]
    public async Task Help_explains_every_option_and_command()
    {
        var (exit, output, _) = await Run("--help");

        exit.Should().Be(0);
        output.Should().ContainAll("--config", "--dry-run", "--trace", "--replay", "--capture", "--version", "decode", "simulate");
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var (exit, output, _) = await Run("--version");

        exit.Should().Be(0);
        output.Trim().Should().MatchRegex(@"^0\.1\.0(\+[0-9a-f]{7})?$", "the commit is its short form, as git shows it");
    }

    [Theory]
    [InlineData("config.yaml", "streams: did you mean 'streams -C config.yaml'? (the configuration file follows -C)")]
    [InlineData("--outptu", "streams: unknown option '--outptu' (did you mean '--output'?)")]
    [InlineData("help", "streams: 'help' is not a command; run 'streams --help', or 'streams COMMAND --help' for one command")]
    [InlineData("decode", "streams: decode needs <protocol> <hex> (see streams decode --help)")]
    public async Task A_usage_mistake_is_one_line_saying_what_was_probably_meant(string argument, string line)
    {
        var (exit, output, error) = await Run(argument);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Trim().Should().Be(line);
    }

    [Fact]
    public async Task Replay_feeds_a_capture_through_the_sniffer_and_prints_a_summary()
    {
        var config = Write("sniffer.yaml", BrokerConfigFile.SniffedGarage);
        var capture = Path.Combine(_dir.FullName, "bus.bin");
        File.WriteAllBytes(capture, ReplayCapture.TwoPacks());

        var (exit, output, error) = await Run("-C", config, "--replay", capture);

        exit.Should().Be(0, error);
        output.Should().Contain("streams/garage/state {\"pack_voltage\":52.8,");
        output.Should().Contain("streams/lifepower4_addr_02/state {\"pack_voltage\":52.8,");
        error.Should().Contain("4 frames (2 queries, 2 responses, 0 exceptions), 2 paired reads")
            .And.Contain("packs seen: garage, lifepower4_addr_02");
    }

    [Fact]
    public async Task Replay_of_a_missing_file_is_one_line_and_exit_2()
    {
        var config = Write("sniffer.yaml", "sources:\n  - kind: sniffer\n    port: /dev/ttyUSB-missing\n");

        var (exit, output, error) = await Run("-C", config, "--replay", Path.Combine(_dir.FullName, "none.bin"));

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("none.bin").And.Contain("no such file");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Fact]
    public async Task Decode_prints_json_and_a_bad_frame_is_one_line_with_exit_2()
    {
        // jbd-04-sp04s034-a, tests/vectors/frames.json (syssi/esphome-jbd-bms)
        var (exit, output, _) = await Run("decode", "jbd", "dd 04 00 08 0f 45 0f 3d 0f 37 0f 3d fe c6 77");
        exit.Should().Be(0);
        output.Should().Contain("\"cell_01_voltage\": 3.909");

        var (badExit, badOutput, badError) = await Run("decode", "jbd", "dd 04 00 08 0f 45");
        badExit.Should().Be(2);
        badOutput.Should().BeEmpty();
        badError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().StartWith("streams: decode: ");
    }

    [Fact]
    public async Task Sigterm_stops_a_running_bridge_cleanly_with_exit_0()
    {
        var config = Write("sim.yaml", """
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 1s
                packs:
                  - name: sim1
                    address: 1
            """);
        using var bridge = StreamsCli.Start("-C", config);

        await bridge.WaitForLineAsync(line => line.StartsWith("streams/sim1/state ", StringComparison.Ordinal), StreamsCli.StartTimeout, "the first state line");
        bridge.Terminate();

        (await bridge.WaitForExitAsync(TimeSpan.FromSeconds(15))).Should().Be(0);
        bridge.StandardError.Should().Contain("stopped");
    }

    [Fact]
    public async Task A_capture_of_a_polled_port_replays_through_the_sniffer_to_the_same_pack()
    {
        var config = Write("sim.yaml", """
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 1s
                packs:
                  - name: shed
                    address: 7
            """);
        var capture = Path.Combine(_dir.FullName, "shed.bin");
        using (var bridge = StreamsCli.Start("-C", config, "--capture", capture))
        {
            await bridge.WaitForLineAsync(line => line.StartsWith("streams/shed/state ", StringComparison.Ordinal), StreamsCli.StartTimeout, "the first state line");
            bridge.Terminate();
            (await bridge.WaitForExitAsync(TimeSpan.FromSeconds(15))).Should().Be(0);
        }

        var (exit, output, error) = await Run("-C", config, "--replay", capture);

        exit.Should().Be(0, error);
        output.Should().Contain("streams/shed/state {\"pack_voltage\":");
        error.Should().Contain("0 unpaired responses").And.Contain("packs seen: shed");
        // The capture holds the identity read (105-127) after the first status read: it must not blank the status.
        var states = output.Split('\n').Where(line => line.StartsWith("streams/shed/state ", StringComparison.Ordinal)).ToList();
        states.Should().HaveCountGreaterThan(1);
        states.Should().OnlyContain(line => !line.Contains("\"pack_voltage\":null", StringComparison.Ordinal) && !line.Contains("\"state_of_charge\":null", StringComparison.Ordinal));
        states.Should().Contain(line => line.Contains("\"register_105\":", StringComparison.Ordinal), "the identity read was replayed");
    }
}
