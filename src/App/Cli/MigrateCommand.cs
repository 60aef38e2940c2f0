using System.CommandLine;
using Streams.App.Hosting;
using Streams.Composition;
using Streams.Tools;

namespace Streams.App.Cli;

/// <summary><c>streams migrate --from-python-bridge -C FILE [--dry-run]</c>: clears what the Python bridge left in Home Assistant.</summary>
internal static class MigrateCommand
{
    public static void AddTo(RootCommand root, ShutdownSignal shutdown)
    {
        var config = new Option<string>("--config", "-C")
        {
            Description = "The configuration file the bridge runs with (the Python bridge's file loads unchanged): its broker and its packs.",
            Required = true,
            HelpName = "FILE",
        };
        var fromPython = new Option<bool>("--from-python-bridge")
        {
            Description = "Clear the retained per-value discovery configs (homeassistant/sensor/<pack>_<key>/config) the Python eg4-battery bridge published for the configured packs.",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Only list the configs that would be cleared.",
        };

        var command = new Command("migrate", "One-shot clean-up after switching from the Python bridge: its old Home Assistant entities go, the bridge's new ones stay.")
        {
            config,
            fromPython,
            dryRun,
        };
        command.SetAction(async (result, _) => await RunAsync(result.GetValue(config)!, result.GetValue(dryRun), shutdown));
        root.Subcommands.Add(command);
    }

    private static async Task<int> RunAsync(string configPath, bool dryRun, ShutdownSignal shutdown)
    {
        var loaded = Configuration.Load(configPath);
        if (!loaded.Succeeded)
        {
            foreach (var error in loaded.Errors)
            {
                await Console.Error.WriteLineAsync($"streams: {error}");
            }

            return ExitCodes.UsageError;
        }

        using var log = LoggingSetup.Create(new Streams.Config.Model.LoggingConfig(Serilog.Events.LogEventLevel.Warning, null, Serilog.Events.LogEventLevel.Warning), trace: false);
        var stop = shutdown.Listen();
        try
        {
            var outcome = await PythonBridgeMigration.RunAsync(loaded.Config, dryRun, log, stop);
            if (outcome.Failure is { } failure)
            {
                await Console.Error.WriteLineAsync($"streams: migrate: {failure}");
                return loaded.Config.Mqtt is null ? ExitCodes.UsageError : ExitCodes.Fault;
            }

            foreach (var topic in outcome.Cleared)
            {
                await Console.Out.WriteLineAsync($"{(dryRun ? "would clear" : "cleared")} {topic}");
            }

            await Console.Out.WriteLineAsync(outcome.Summary);
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("streams: migrate: stopped before it finished; run it again");
            return ExitCodes.Ok;
        }
    }
}
