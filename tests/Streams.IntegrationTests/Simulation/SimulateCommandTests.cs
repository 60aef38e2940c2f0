using FluentAssertions;
using Streams.Devices.Jbd;
using Streams.IntegrationTests.Support;
using Streams.Tests.Support;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.IntegrationTests.Simulation;

/// <summary><c>streams simulate</c> run as a real process and talked to over the pty it prints.</summary>
public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_serves_its_packs_on_the_printed_pty_until_SIGTERM_then_exits_0()
    {
        var directory = Directory.CreateTempSubdirectory("streams-simulate-");
        try
        {
            var link = Path.Combine(directory.FullName, "ttySIM");
            using var cli = StreamsCli.Start("simulate", "--device", "eg4-ll", "--address", "1", "--address", "2", "--link", link);

            var pty = (await cli.WaitForLineAsync(l => l.StartsWith("pty: ", StringComparison.Ordinal), StreamsCli.StartTimeout, "the pty line"))["pty: ".Length..];
            var linkLine = await cli.WaitForLineAsync(l => l.StartsWith("link: ", StringComparison.Ordinal), StreamsCli.StartTimeout, "the link line");
            using (var port = TermiosSerialPort.Open(pty))
            {
                foreach (byte address in new byte[] { 1, 2 })
                {
                    var status = Eg4LlFrames.DecodeStatus((await port.ReadRegistersAsync(address, 0, 39)).Bytes.Span).Value;

                    status.CellMillivolts.Should().HaveCount(16).And.OnlyContain(mv => mv >= 3270 && mv <= 3360);
                }
            }

            cli.Terminate();
            var exitCode = await cli.WaitForExitAsync(StreamsCli.StartTimeout);

            pty.Should().StartWith("/dev/pts/");
            linkLine.Should().Be($"link: {link}");
            exitCode.Should().Be(0, cli.StandardError);
            File.Exists(link).Should().BeFalse("the link is removed on the way out");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_simulated_jbd_switches_its_mosfets_over_the_cli_pty()
    {
        using var cli = StreamsCli.Start("simulate", "--device", "jbd", "--address", "1", "--cells", "4");
        var pty = (await cli.WaitForLineAsync(l => l.StartsWith("pty: ", StringComparison.Ordinal), StreamsCli.StartTimeout, "the pty line"))["pty: ".Length..];
        using var port = TermiosSerialPort.Open(pty);
        var frames = port.Received.FrameJbd();

        await port.AskAsync(JbdCommands.SetMosfets(chargeOn: true, dischargeOn: false), frames);
        var info = JbdDecoder.DecodeBasicInfo((await port.AskAsync(JbdCommands.ReadBasicInfo(), frames)).Bytes.Span).Value;

        info.CellCount.Should().Be(4);
        (info.ChargeMosfetOn, info.DischargeMosfetOn).Should().Be((true, false));
    }

    [Theory]
    [InlineData("--device eg4-ll --address 300", "--address 300 is out of range")]
    [InlineData("--device eg4-ll --address 1 --address 1", "same address twice")]
    [InlineData("--device lifepower --address 1", "--device 'lifepower' is unknown")]
    [InlineData("--device jbd --address 1 --address 2", "a jbd has no bus address")]
    [InlineData("--device eg4-ll", "--address")]
    [InlineData("--device eg4-ll --address 1 --cells 40", "--cells 40 is out of range")]
    [InlineData("--device eg4-ll --address 1 --link /nonexistent-dir/tty", "cannot start the simulator with --link /nonexistent-dir/tty")]
    public async Task Bad_arguments_are_one_line_errors_with_exit_code_2(string arguments, string message)
    {
        var (exitCode, output, error) = await ChildProcess.RunAsync(
            StreamsCli.DotnetHost, [StreamsCli.DllPath, "simulate", .. arguments.Split(' ')], StreamsCli.StartTimeout);

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.TrimEnd().Should().NotContain("\n").And.StartWith("streams: ").And.Contain(message);
    }
}
