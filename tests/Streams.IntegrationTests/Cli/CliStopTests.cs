using System.Runtime.InteropServices;
using FluentAssertions;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary>
/// Stopping the <c>streams</c> process in ordinary trouble: a broker that cannot be reached, a
/// replay waiting on a FIFO nobody writes, a reader that closed the pipe. One line each, exit 0,
/// never a stack trace, never a hang.
/// </summary>
public sealed class CliStopTests : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-cli-stop-");

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string> UnreachableBrokers => new()
    {
        "refused",
        "unknown-host",
    };

    [Theory]
    [MemberData(nameof(UnreachableBrokers))]
    public async Task Stopping_while_the_broker_cannot_be_reached_is_one_line_each_and_exit_0(string broker)
    {
        var host = broker == "refused" ? $"127.0.0.1\n  port: {CliReplayDeliveryTests.ClosedPort()}" : "no-such-host.invalid";
        using var bridge = StreamsCli.Start("-C", Write("unreachable.yaml", Simulator + $"mqtt:\n  host: {host}\n"));
        await bridge.WaitForErrorLineAsync(l => l.Contains("MQTT connection failed", StringComparison.Ordinal), StreamsCli.StartTimeout, "the failed connection");

        bridge.Terminate();

        (await bridge.WaitForExitAsync(StopTimeout)).Should().Be(0, bridge.StandardError);
        ShouldBeLinesWithoutStackTraces(bridge.StandardError);
        bridge.StandardError.Should().Contain("INF stopped");
    }

    [Fact]
    public async Task Stopping_a_replay_that_waits_for_the_broker_is_one_line_and_exit_0()
    {
        var config = await BrokerConfigFile.WriteAsync(_dir, CliReplayDeliveryTests.ClosedPort(), "streams-replay-stop", sources: BrokerConfigFile.SniffedGarage);
        var capture = Path.Combine(_dir.FullName, "bus.bin");
        await File.WriteAllBytesAsync(capture, ReplayCapture.TwoPacks());
        using var replay = StreamsCli.Start("-C", config, "--replay", capture);
        await replay.WaitForErrorLineAsync(l => l.Contains("MQTT connection failed", StringComparison.Ordinal), StreamsCli.StartTimeout, "the failed connection");

        replay.Terminate();

        (await replay.WaitForExitAsync(StopTimeout)).Should().Be(0, replay.StandardError);
        ShouldBeLinesWithoutStackTraces(replay.StandardError);
        replay.StandardError.Should().Contain("INF stopped").And.NotContain("replay not delivered");
    }

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGINT")]
    public async Task A_replay_of_a_fifo_nobody_writes_ends_on_a_stop_signal(string signal)
    {
        var fifo = Path.Combine(_dir.FullName, "bus.fifo");
        Mkfifo(fifo, 0x180).Should().Be(0, "mkfifo {0}", fifo);
        using var replay = StreamsCli.Start("-C", Write("sniffer.yaml", BrokerConfigFile.SniffedGarage), "--replay", fifo);

        // The bridge is announced before the replay opens the FIFO and waits in it for a writer.
        await replay.WaitForLineAsync(l => l == "streams/bridge/availability online", StreamsCli.StartTimeout, "the bridge online");
        if (signal == "SIGINT")
        {
            replay.Interrupt();
        }
        else
        {
            replay.Terminate();
        }

        (await replay.WaitForExitAsync(StopTimeout)).Should().Be(0, replay.StandardError);
        ShouldBeLinesWithoutStackTraces(replay.StandardError);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public async Task A_run_piped_into_head_ends_when_head_has_its_lines(int lines)
    {
        // Several sources, so that the pipe may close while any of them (or the discovery) writes.
        // pipefail: the pipeline's status is streams' own, not head's.
        var (exit, output, error) = await ChildProcess.RunAsync(
            "bash",
            ["-c", $"set -o pipefail; \"$0\" \"$1\" -C \"$2\" | head -{lines}", StreamsCli.DotnetHost, StreamsCli.DllPath, Write("sim.yaml", Simulator + SecondSimulator)],
            TimeSpan.FromSeconds(60));

        exit.Should().Be(0, error);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(lines);
        error.Should().Contain("standard output was closed by its reader; stopping");
        ShouldBeLinesWithoutStackTraces(error);
    }

    private const string Simulator = """
        sources:
          - kind: simulator
            device: eg4-ll
            poll_interval: 1s
            packs:
              - {name: sim1, address: 1}

        """;

    private const string SecondSimulator = """
          - kind: simulator
            device: jbd
            poll_interval: 1s
            packs:
              - {name: sim2, address: 1}
          - kind: simulator
            device: eg4-ll
            poll_interval: 1s
            packs:
              - {name: sim3, address: 2}
              - {name: sim4, address: 3}

        """;

    private static void ShouldBeLinesWithoutStackTraces(string error)
    {
        error.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain("--- End of");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
