using System.Text.Json;
using FluentAssertions;
using Streams.Core;
using Streams.Derived;
using Streams.HomeAssistant;
using Streams.IntegrationTests.Support;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// The <c>streams</c> command on a configuration file with network ports, on the console (no
/// broker): its state lines and its log, to wait on; killed on dispose.
/// </summary>
internal sealed class ConverterBridge : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _cli;

    private ConverterBridge(ChildProcess cli, string configPath)
    {
        _cli = cli;
        ConfigPath = configPath;
    }

    public string ConfigPath { get; }

    public string Log => _cli.StandardError;

    /// <summary>Writes <paramref name="yaml"/> to <paramref name="directory"/>/streams.yaml and runs the bridge on it.</summary>
    public static ConverterBridge Start(string directory, string yaml, params string[] options)
    {
        var path = WriteConfig(directory, yaml);
        return new ConverterBridge(StreamsCli.Start(["-C", path, .. options]), path);
    }

    public static string WriteConfig(string directory, string yaml)
    {
        var path = Path.Combine(directory, "streams.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>The next state document of <paramref name="pack"/> on stdout (earlier lines are passed over).</summary>
    public async Task<JsonElement> NextStateAsync(string pack) =>
        StateOf(pack, await _cli.WaitForLineAsync(line => line.StartsWith(StatePrefix(pack), StringComparison.Ordinal), Wait, $"a state of {pack}"));

    /// <summary>The next stdout line starting with <paramref name="prefix"/>.</summary>
    public Task<string> NextLineAsync(string prefix) =>
        _cli.WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), Wait, $"a line starting '{prefix}'");

    /// <summary>The next log line containing <paramref name="text"/>.</summary>
    public Task<string> NextLogAsync(string text) =>
        _cli.WaitForErrorLineAsync(line => line.Contains(text, StringComparison.Ordinal), Wait, $"a log line with '{text}'");

    /// <summary>SIGTERM, then the exit code.</summary>
    public async Task<int> StopAsync()
    {
        _cli.Terminate();
        return await _cli.WaitForExitAsync(Wait);
    }

    public void Dispose() => _cli.Dispose();

    public static string StatePrefix(string pack) => $"streams/{pack}/state ";

    public static JsonElement StateOf(string pack, string line) =>
        JsonDocument.Parse(line[StatePrefix(pack).Length..]).RootElement.Clone();

    /// <summary>
    /// Every field of <paramref name="fields"/> in <paramref name="state"/>, written as the product
    /// writes it: the published document holds exactly these values, field by field.
    /// </summary>
    public static void ShouldHoldFields(JsonElement state, IReadOnlyList<FieldValue> fields, string because)
    {
        var expected = JsonDocument.Parse(StatePayload.Build(new Reading(new DeviceInfo("expected", "expected", "expected", "expected"), DateTimeOffset.UnixEpoch, fields))).RootElement;
        ShouldHoldFieldsOf(state, expected, because);
    }

    /// <summary>
    /// The derived values a live run adds (Streams.Derived): the meters grow between two readings of the
    /// same values, and a replay, which publishes what the frames hold, has none.
    /// </summary>
    public static IReadOnlySet<string> DerivedKeys { get; } = EstimateFields.All.Concat(EnergyMeterFields.All).Select(f => f.Key).ToHashSet();

    /// <summary>Every field of <paramref name="expected"/> but its timestamp and <see cref="DerivedKeys"/>, in <paramref name="state"/>, with the same value.</summary>
    public static void ShouldHoldFieldsOf(JsonElement state, JsonElement expected, string because)
    {
        var keys = expected.EnumerateObject().Select(p => p.Name).Where(key => key != TimestampKey && !DerivedKeys.Contains(key)).ToList();
        keys.Should().HaveCountGreaterThan(20, "an EG4-LL status has that many fields");
        foreach (var key in keys)
        {
            state.TryGetProperty(key, out var value).Should().BeTrue($"{key} is published ({because})");
            value.GetRawText().Should().Be(expected.GetProperty(key).GetRawText(), $"{key} ({because})");
        }
    }

    /// <summary>When the reading was taken: the one key of a state document that is no field of the pack.</summary>
    private const string TimestampKey = "timestamp";
}
