using System.Text.Json;
using FluentAssertions;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary><c>--output</c>: a live table on a terminal (a real pseudo-terminal from <c>script</c>), lines or JSON otherwise.</summary>
public sealed class CliOutputTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-cli-output-");
    private readonly string _config;

    public CliOutputTests()
    {
        _config = Path.Combine(_dir.FullName, "sim.yaml");
        File.WriteAllText(_config, """
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 1s
                packs:
                  - {name: sim1, address: 1}
            """);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task On_a_terminal_the_default_is_a_table_row_per_pack_with_its_readings()
    {
        // script(1) runs the bridge on a pseudo-terminal of 160 columns and copies the screen to our stdout.
        using var terminal = ChildProcess.Start("script", ["-qfec", $"stty cols 160 rows 40; exec '{StreamsCli.DotnetHost}' '{StreamsCli.DllPath}' -C '{_config}'", "/dev/null"]);

        var row = await terminal.WaitForLineAsync(l => l.Contains("sim1", StringComparison.Ordinal) && l.Contains("online", StringComparison.Ordinal), RunTimeout, "sim1's row, online");

        var text = Plain(row);
        text.Should().MatchRegex(@"│ sim1 +│ +\d+ % │ +\d+\.\d\d V │ +-?\d+\.\d\d A │ +-?\d+ W │ +\d\.\d{3} V │ +\d\.\d{3} V │ +\d+ mV │ .+ °C │ none +│ online │");
        text.Should().NotContain("streams/sim1/state", "the table replaces the topic payload lines");
    }

    [Fact]
    public async Task Json_output_is_one_json_object_per_message()
    {
        var (exit, output, error) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "-C", _config, "--dry-run", "--output", "json"], RunTimeout);

        exit.Should().Be(0, error);
        var messages = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        messages.Should().NotBeEmpty();
        messages.Select(m => string.Join(',', m.EnumerateObject().Select(p => p.Name))).Should().OnlyContain(names => names == "topic,retain,payload");
        var state = messages.Single(m => m.GetProperty("topic").GetString() == "streams/sim1/state");
        state.GetProperty("payload").GetProperty("pack_voltage").ValueKind.Should().Be(JsonValueKind.Number);
        messages.Should().Contain(m => m.GetProperty("topic").GetString() == "streams/bridge/availability" && m.GetProperty("payload").GetString() == "online");
    }

    [Fact]
    public async Task An_unknown_output_is_a_one_line_usage_error()
    {
        var (exit, output, error) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "-C", _config, "--output", "xml"], RunTimeout);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Contain("xml").And.Contain("table").And.Contain("json");
    }

    /// <summary>The row without its colours and cursor moves.</summary>
    private static string Plain(string line) => System.Text.RegularExpressions.Regex.Replace(line, @"\x1b\[[0-9;?]*[A-Za-z]", "");
}
