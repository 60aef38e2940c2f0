using System.CommandLine;
using Streams.App.Hosting;

namespace Streams.App.Cli;

/// <summary>The <c>streams</c> command line: the bridge itself on the root command, tools as subcommands.</summary>
internal static class StreamsCommandLine
{
    public static RootCommand Create(ShutdownSignal shutdown)
    {
        var root = new RootCommand(
            "Streams: reads battery-management systems (EG4 LifePower4 v2 over Modbus RTU, legacy EG4 7E, "
            + "JBD/Xiaoxiang over BLE or UART) and publishes their telemetry to MQTT with Home Assistant "
            + "discovery, or prints it on the console when no broker is configured.");
        RunCommand.AddTo(root, shutdown);
        DecodeCommand.AddTo(root);
        SimulateCommand.AddTo(root, shutdown);
        ScanCommand.AddTo(root, shutdown);
        MigrateCommand.AddTo(root, shutdown);
        return root;
    }

    /// <summary>Parses and runs; a usage error is one line per problem on stderr and exit code 2.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        // First: a SIGTERM while the configuration loads is a clean stop too (exit 0, not 143).
        using var shutdown = new ShutdownSignal();
        var root = Create(shutdown);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var line in UsageErrors.Lines(parsed, args))
            {
                await Console.Error.WriteLineAsync($"streams: {line}");
            }

            return ExitCodes.UsageError;
        }

        // Our own SIGINT/SIGTERM handling (ShutdownSignal) ends the run cleanly with exit 0.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
