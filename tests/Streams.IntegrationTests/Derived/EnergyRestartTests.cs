using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Derived;

/// <summary>
/// The energy meters across restarts of the real <c>streams</c> process, on a simulated EG4-LL pack
/// polled every second, readings on the console: a clean stop (SIGTERM) saves the totals and the next
/// run continues from them; SIGKILL loses only what was counted since the last minute's save.
/// </summary>
public sealed class EnergyRestartTests : IDisposable
{
    private const string Pack = "meter";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // The periodic save comes a minute after the start; the process is slower to start under load.
    private static readonly TimeSpan SaveWait = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-energy-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string StateDirectory => Path.Combine(_dir.FullName, "state");

    private string StateFile => Path.Combine(StateDirectory, $"energy-{Pack}.json");

    [Fact]
    public async Task A_clean_stop_saves_the_meter_a_restart_continues_from_it_and_a_kill_loses_at_most_the_last_minute()
    {
        var config = WriteConfig();

        // Run 1: count something, then stop cleanly.
        Totals stopped;
        using (var first = StreamsCli.Start("-C", config))
        {
            var counted = await NextStateAsync(first, state => state.Totals.Sum > 0, "a reading that has counted charge");
            first.Terminate();
            (await first.WaitForExitAsync(Wait)).Should().Be(0, first.StandardError);
            var later = (await first.RemainingLinesAsync()).LastOrDefault(IsState);
            var lastPublished = later is null ? counted.Totals : Parse(later).Totals;

            stopped = ReadStateFile();
            ShouldMatch(stopped, lastPublished, "the stop saved what the last reading published");
        }

        // Run 2: continues from the stored value, saves again after a minute, then dies without a goodbye.
        Totals saved;
        State lastBeforeKill;
        using (var second = StreamsCli.Start("-C", config))
        {
            var resumed = await NextStateAsync(second, _ => true, "the first reading after the restart");
            ShouldMatch(resumed.Totals, stopped, "a first reading adds nothing (there is no interval yet) to the totals loaded from the state file");

            var savedAt = await PeriodicSaveAsync(after: stopped.SavedAt);
            saved = ReadStateFile();
            saved.Sum.Should().BeGreaterThanOrEqualTo(stopped.Sum);
            lastBeforeKill = await NextStateAsync(second, state => state.At > savedAt && state.Totals.Sum > saved.Sum, "a reading that counted past the save");
            second.KillHard();
            (await second.WaitForExitAsync(Wait)).Should().Be(137, "SIGKILL");
        }

        var afterKill = ReadStateFile();
        afterKill.Should().Be(saved, "a killed process writes nothing more");
        (afterKill.SavedAt - stopped.SavedAt).Should().BeLessThan(TimeSpan.FromSeconds(75), "the save came a minute after the start");
        (lastBeforeKill.At - afterKill.SavedAt).Should().BeLessThan(TimeSpan.FromMinutes(1), "what is lost was counted after the last save, within a minute");
        lastBeforeKill.Totals.Sum.Should().BeGreaterThan(afterKill.Sum, "the counting after the save is what the kill lost");

        // Run 3: starts from the last save.
        using var third = StreamsCli.Start("-C", config);
        var restarted = await NextStateAsync(third, _ => true, "the first reading after the kill");
        ShouldMatch(restarted.Totals, afterKill, "the run after the kill starts from the last save");
        third.Terminate();
        (await third.WaitForExitAsync(Wait)).Should().Be(0, third.StandardError);
    }

    /// <summary>The four totals agree to the 6 decimals a published state carries.</summary>
    private static void ShouldMatch(Totals actual, Totals expected, string because)
    {
        actual.ChargedKwh.Should().BeApproximately(expected.ChargedKwh, 1e-6, because);
        actual.DischargedKwh.Should().BeApproximately(expected.DischargedKwh, 1e-6, because);
        actual.ChargedAh.Should().BeApproximately(expected.ChargedAh, 1e-6, because);
        actual.DischargedAh.Should().BeApproximately(expected.DischargedAh, 1e-6, because);
    }

    private string WriteConfig()
    {
        var path = Path.Combine(_dir.FullName, "energy.yaml");
        File.WriteAllText(path, $"""
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 1s
                packs:
                  - name: {Pack}
                    address: 1
            energy:
              state_dir: {StateDirectory}
            """);
        return path;
    }

    /// <summary>Waits (positively, by reading the file as it changes) for the save a minute into the run.</summary>
    private async Task<DateTimeOffset> PeriodicSaveAsync(DateTimeOffset after)
    {
        using var cancel = new CancellationTokenSource(SaveWait);
        using var watcher = new FileSystemWatcher(StateDirectory, Path.GetFileName(StateFile)) { EnableRaisingEvents = true };
        var changed = new SemaphoreSlim(0);
        watcher.Created += (_, _) => changed.Release();
        watcher.Renamed += (_, _) => changed.Release();
        watcher.Changed += (_, _) => changed.Release();
        while (ReadStateFile().SavedAt <= after)
        {
            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no save of {StateFile} within {SaveWait.TotalSeconds} s after {after:O}");
            }
        }

        return ReadStateFile().SavedAt;
    }

    private Totals ReadStateFile()
    {
        var json = JsonDocument.Parse(File.ReadAllText(StateFile)).RootElement;
        json.GetProperty("meter").GetString().Should().Be(Pack);
        return new Totals(
            json.GetProperty("energy_charged_kwh").GetDouble(),
            json.GetProperty("energy_discharged_kwh").GetDouble(),
            json.GetProperty("amp_hours_charged").GetDouble(),
            json.GetProperty("amp_hours_discharged").GetDouble(),
            json.GetProperty("saved_at").GetDateTimeOffset());
    }

    private static async Task<State> NextStateAsync(ChildProcess bridge, Func<State, bool> match, string what)
    {
        var line = await bridge.WaitForLineAsync(line => IsState(line) && match(Parse(line)), Wait, what);
        return Parse(line);
    }

    private static bool IsState(string line) => line.StartsWith($"streams/{Pack}/state ", StringComparison.Ordinal);

    private static State Parse(string line)
    {
        var json = JsonDocument.Parse(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]).RootElement;
        return new State(
            DateTimeOffset.Parse(json.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture),
            new Totals(
                json.GetProperty("energy_charged").GetDouble(),
                json.GetProperty("energy_discharged").GetDouble(),
                json.GetProperty("amp_hours_charged").GetDouble(),
                json.GetProperty("amp_hours_discharged").GetDouble(),
                default));
    }

    private sealed record State(DateTimeOffset At, Totals Totals);

    /// <summary>A meter's totals; <see cref="SavedAt"/> only from the state file (a published state has none).</summary>
    private sealed record Totals(double ChargedKwh, double DischargedKwh, double ChargedAh, double DischargedAh, DateTimeOffset SavedAt)
    {
        public double Sum => ChargedAh + DischargedAh;
    }
}
