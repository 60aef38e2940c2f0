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
    public static void AddTo(RootCommand root)
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
            Description = "Log every frame in hex (debug level).",
        };
        var replay = new Option<string?>("--replay")
        {
            Description = "Feed a capture of raw bus bytes through the Modbus sniffer and the configured sinks as fast as possible, print a summary, and exit.",
            HelpName = "FILE",
        };
        var capture = new Option<string?>("--capture")
        {
            Description = "Append every raw byte received on the serial sources to FILE, to attach to a bug report and replay later.",
            HelpName = "FILE",
        };

        root.Options.Add(config);
        root.Options.Add(dryRun);
        root.Options.Add(trace);
        root.Options.Add(replay);
        root.Options.Add(capture);

        root.SetAction(async (result, _) =>
        {
            var options = new BridgeOptions(
                DryRun: result.GetValue(dryRun),
                Trace: result.GetValue(trace),
                ReplayPath: result.GetValue(replay),
                CapturePath: result.GetValue(capture));
            return await RunAsync(result.GetValue(config)!, options);
        });
    }

    private static async Task<int> RunAsync(string configPath, BridgeOptions options)
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

        using var log = LoggingSetup.Create(loaded.Config.Logging, options.Trace);
        // Buffered: one write per burst of messages instead of one per line, flushed within 100 ms and on exit.
        using var stdoutStream = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 16 * 1024) { AutoFlush = false };
        using var stdout = new BufferedLineWriter(stdoutStream, TimeSpan.FromMilliseconds(100), DefaultScheduler.Instance);
        using var systemd = SystemdNotifier.FromEnvironment();
        using var shutdown = new ShutdownSignal(systemd.Stopping);
        using var hangup = new HangupSignal(log);
        options = options with { ServiceManager = systemd };
        try
        {
            var sink = new ConsoleMessageSink(stdout);
            var exit = options.ReplayPath is { } replay && ReplayProgressBar.Wanted
                ? await ReplayProgressBar.RunAsync(replay, progress => BridgeRunner.RunAsync(loaded.Config, options with { ReplayProgress = progress }, sink, log, shutdown.Token))
                : await BridgeRunner.RunAsync(loaded.Config, options, sink, log, shutdown.Token);
            return exit switch
            {
                BridgeExit.Completed => ExitCodes.Ok,
                BridgeExit.UserError => ExitCodes.UsageError,
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
}
