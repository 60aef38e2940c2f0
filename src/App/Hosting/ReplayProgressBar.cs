using Spectre.Console;
using Streams.Transports.Capture;

namespace Streams.App.Hosting;

/// <summary>
/// A progress bar for <c>--replay</c> when a person is watching (stdout is a terminal). It draws on
/// stderr, beside the logs, so that stdout stays the console sink's <c>topic payload</c> lines.
/// </summary>
internal static class ReplayProgressBar
{
    public static bool Wanted => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    public static async Task<T> RunAsync<T>(string path, Func<IProgress<ReplayProgress>, Task<T>> replay)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"replay {System.IO.Path.GetFileName(path)}"), maxValue: 1);
                var progress = new Progress(task);
                return await replay(progress);
            });
    }

    private sealed class Progress(ProgressTask task) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value)
        {
            task.MaxValue = Math.Max(1, value.TotalBytes);
            task.Value = value.BytesRead;
        }
    }
}
