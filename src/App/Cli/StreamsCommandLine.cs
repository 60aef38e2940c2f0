using System.CommandLine;

namespace Streams.App.Cli;

/// <summary>The <c>streams</c> command line: the bridge itself on the root command, tools as subcommands.</summary>
internal static class StreamsCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "Streams: reads battery-management systems (EG4 LifePower4 v2 over Modbus RTU, legacy EG4 7E, "
            + "JBD/Xiaoxiang over BLE or UART) and publishes their telemetry to MQTT with Home Assistant "
            + "discovery, or prints it on the console when no broker is configured.");
        RunCommand.AddTo(root);
        DecodeCommand.AddTo(root);
        SimulateCommand.AddTo(root);
        ScanCommand.AddTo(root);
        MigrateCommand.AddTo(root);
        return root;
    }

    /// <summary>Parses and runs; a usage error is one line per problem on stderr and exit code 2.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = Create();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"streams: {OneLine(error.Message)} (see streams --help)");
            }

            return ExitCodes.UsageError;
        }

        // Our own SIGINT/SIGTERM handling (ShutdownSignal) ends the run cleanly with exit 0.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>The parser's messages may list choices on several lines; a user error is one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
