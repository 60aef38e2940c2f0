using Spectre.Console;
using Spectre.Console.Rendering;
using Streams.Sinks;

namespace Streams.App.Hosting;

/// <summary>
/// <c>--output table</c>: the packs' table on standard output, redrawn in place every second while
/// the run goes on, with the newest log lines below it; the last frame stays on screen at the end.
/// </summary>
internal static class LiveTable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    /// <summary>Rows around the table that are not packs: borders, title, header.</summary>
    private const int TableChrome = 6;

    private const int MinLogLines = 3;
    private const int MaxLogLines = 15;

    public static async Task<T> ShowWhileAsync<T>(PackBoard board, LogTail? tail, Func<Task<T>> run)
    {
        var console = AnsiConsole.Console;
        try
        {
            return await console.Live(Frame(console, board, tail))
                .AutoClear(false)
                .Overflow(VerticalOverflow.Crop)
                .Cropping(VerticalOverflowCropping.Top)
                .StartAsync(async context =>
                {
                    var running = run();
                    while (await Task.WhenAny(running, Task.Delay(Refresh)) != running)
                    {
                        context.UpdateTarget(Frame(console, board, tail));
                        context.Refresh();
                    }

                    context.UpdateTarget(Frame(console, board, tail));
                    context.Refresh();
                    return await running;
                });
        }
        finally
        {
            tail?.Release(Console.Error);
        }
    }

    /// <summary>The table, then as many of the newest log lines as fit below it, each cut to the width.</summary>
    internal static IRenderable Frame(IAnsiConsole console, PackBoard board, LogTail? tail)
    {
        var table = PackTableView.Table(board.Rows(), DateTimeOffset.Now);
        if (tail is null)
        {
            return table;
        }

        var packs = table is Table t ? t.Rows.Count : 0;
        var room = Math.Clamp(console.Profile.Height - packs - TableChrome - 1, MinLogLines, MaxLogLines);
        var width = Math.Max(20, console.Profile.Width - 1);
        var lines = tail.Last(room).Select(line => line.Length > width ? line[..(width - 3)] + "..." : line);
        return new Rows(table, new Text(string.Join('\n', lines), new Style(Color.Grey)));
    }
}
