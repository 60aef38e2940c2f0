using System.CommandLine;
using System.Reactive.Concurrency;
using System.Text;
using Streams.App.Hosting;
using Streams.Composition;
using Streams.Service;
using Streams.Sinks;

namespace Streams.App.Cli;

/// <summary>The root command's own action: load the configuration, then run the bridge until stopped.</summary>
internal static class RunCommand
{
    public static void AddTo(RootCommand root, ShutdownSignal shutdown)
    {
        var config = new Option<string>("--config", "-C")
        {
            Description = "Configuration file (YAML). The Python bridge's format (bus:, mqtt:, packs:) loads unchanged.",
            Required = true,
            HelpName = "FILE",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Replace the configured packs by simulated ones, run one poll cycle, print everything that would be published, and exit.",
        };
        var trace = new Option<bool>("--trace")
        {
            Description = "Log every frame in hex (debug level), and the stack trace of an error.",
        };
        var replay = new Option<string?>("--replay")
        {
            Description = "Feed a capture of raw bus bytes (a file, a FIFO or a pipe) through the Modbus sniffer and the configured sinks as fast as possible, print a summary, and exit.",
            HelpName = "FILE",
        };
        var capture = new Option<string?>("--capture")
        {
            Description = "Append the raw bus bytes of the serial and network (tcp://) sources, both directions, to FILE, to attach to a bug report and replay later.",
            HelpName = "FILE",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "What stdout shows: 'table' (a live table per pack; the default on a terminal), 'lines' (one 'topic payload' line per message; "
                + "the default otherwise, and for --dry-run and --replay) or 'json' (one JSON object per message). With a broker, lines and json print nothing.",
            HelpName = "table|lines|json",
        };
        output.AcceptOnlyFromAmong("table", "lines", "json");

        root.Options.Add(config);
        root.Options.Add(dryRun);
        root.Options.Add(trace);
        root.Options.Add(replay);
        root.Options.Add(capture);
        root.Options.Add(output);

        root.SetAction(async (result, _) =>
        {
            var options = new BridgeOptions(
                DryRun: result.GetValue(dryRun),
                Trace: result.GetValue(trace),
                ReplayPath: result.GetValue(replay),
                CapturePath: result.GetValue(capture));
            var mode = result.GetValue(output) is { } chosen ? Enum.Parse<OutputMode>(chosen, ignoreCase: true) : DefaultMode(options);
            return await RunAsync(result.GetValue(config)!, options, mode, shutdown);
        });
    }

    /// <summary>The table for a person watching a running bridge; lines for a pipe, a dry run and a replay (they are about the messages).</summary>
    private static OutputMode DefaultMode(BridgeOptions options) =>
        !Console.IsOutputRedirected && !options.DryRun && options.ReplayPath is null ? OutputMode.Table : OutputMode.Lines;

    private static async Task<int> RunAsync(string configPath, BridgeOptions options, OutputMode mode, ShutdownSignal shutdown)
    {
        var loaded = Configuration.Load(configPath);
        foreach (var warning in loaded.Warnings)
        {
            await Console.Error.WriteLineAsync($"streams: warning: {warning}");
        }

        if (!loaded.Succeeded)
        {
            foreach (var error in loaded.Errors)
            {
                await Console.Error.WriteLineAsync($"streams: {error}");
            }

            return ExitCodes.UsageError;
        }

        if (options.ReplayPath is { } replayPath && BridgeRunner.ReplayFileProblem(replayPath) is { } problem)
        {
            await Console.Error.WriteLineAsync($"streams: {problem}");
            return ExitCodes.UsageError;
        }

        // The table owns the terminal: the log goes below it, unless stderr goes elsewhere.
        var tail = mode == OutputMode.Table && !Console.IsErrorRedirected ? new LogTail(LoggingSetup.ConsoleFormatter(options.Trace)) : null;
        using var log = LoggingSetup.Create(loaded.Config.Logging, options.Trace, tail);
        using var systemd = SystemdNotifier.FromEnvironment();
        shutdown.OnStopping(systemd.Stopping);
        using var hangup = new HangupSignal(log);
        using var output = StandardOutput.Open(() =>
        {
            log.Information("standard output was closed by its reader; stopping");

            // Not on this thread: it is inside a source's OnNext, and the stop disposes that source,
            // which waits for its OnNext to return.
            _ = Task.Run(shutdown.Stop);
        });
        var stdout = output.Lines;
        IMessageSink sink = mode switch
        {
            OutputMode.Json => new JsonMessageSink(stdout),
            OutputMode.Table => new DiscardingMessageSink(),
            _ => new ConsoleMessageSink(stdout),
        };
        var board = mode == OutputMode.Table ? new PackBoard() : null;
        options = options with { Board = board, ServiceManager = systemd };
        try
        {
            var exit = await Run(loaded.Config, options, sink, log, board, tail, shutdown.Listen());
            return exit switch
            {
                BridgeExit.Completed => ExitCodes.Ok,
                BridgeExit.UserError => ExitCodes.UsageError,
                BridgeExit.NotDelivered => ExitCodes.NotDelivered,
                _ => ExitCodes.Fault,
            };
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            log.Information("stopped");
            return ExitCodes.Ok;
        }
        catch (Exception fault)
        {
            log.Fatal("unexpected fault: {Message:l}", fault.Message);
            log.Debug(fault, "stack trace of the fault");
            return ExitCodes.Fault;
        }
    }

    private static Task<BridgeExit> Run(
        Config.Model.StreamsConfig config,
        BridgeOptions options,
        IMessageSink sink,
        Serilog.ILogger log,
        PackBoard? board,
        LogTail? tail,
        CancellationToken stop)
    {
        if (board is not null)
        {
            return LiveTable.ShowWhileAsync(board, tail, () => BridgeRunner.RunAsync(config, options, sink, log, stop));
        }

        return options.ReplayPath is { } replay && ReplayProgressBar.Wanted
            ? ReplayProgressBar.RunAsync(replay, progress => BridgeRunner.RunAsync(config, options with { ReplayProgress = progress }, sink, log, stop))
            : BridgeRunner.RunAsync(config, options, sink, log, stop);
    }
}
