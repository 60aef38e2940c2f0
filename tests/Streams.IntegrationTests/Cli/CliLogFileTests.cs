using FluentAssertions;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary><c>logging.file</c>: the name the user configured is where the log is read.</summary>
public sealed class CliLogFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-cli-log-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task The_configured_log_file_name_shows_the_current_dated_file()
    {
        var log = Path.Combine(_dir.FullName, "streams.log");
        var config = Path.Combine(_dir.FullName, "sim.yaml");
        await File.WriteAllTextAsync(config, $"""
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 1s
                packs:
                  - {"{"}name: sim1, address: 1{"}"}
            logging:
              file: {log}
            """);
        using var bridge = StreamsCli.Start("-C", config);
        await bridge.WaitForLineAsync(l => l.StartsWith("streams/sim1/state ", StringComparison.Ordinal), StreamsCli.StartTimeout, "the first state");
        bridge.Terminate();
        (await bridge.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().Be(0, bridge.StandardError);

        // Serilog writes the day's file (streams20261201.log); the configured name links to it.
        var link = new FileInfo(log);
        link.LinkTarget.Should().MatchRegex(@"^streams\d{8}\.log$");
        (await File.ReadAllTextAsync(log)).Should().Contain("streams 0.1.0: 1 source(s), 1 pack(s)").And.Contain("INF stopped");
    }
}
