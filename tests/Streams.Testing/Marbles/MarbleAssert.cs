using System.Text;

namespace Streams.Testing.Marbles;

/// <summary>Compares a run with its file and fails with aligned diagrams and a table of differing events.</summary>
public static class MarbleAssert
{
    /// <summary>
    /// Throws <see cref="MarbleMismatchException"/> unless <paramref name="actual"/> has exactly the expected
    /// events (time, kind, value text; errors by type and message) and every <c>name^</c> subscription log.
    /// </summary>
    public static void Matches(MarbleFile file, MarbleResult actual)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(actual);
        var expected = Expected(file);
        var (missing, extra) = Differences(expected, actual.Events);
        var logs = file.ExpectedSubscriptions
            .Select(p => (Input: p.Key, Expected: p.Value, Actual: actual.Subscriptions.GetValueOrDefault(p.Key) ?? []))
            .Where(l => !l.Expected.SequenceEqual(l.Actual))
            .ToList();
        if (missing.Count == 0 && extra.Count == 0 && logs.Count == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(file.Source).Append(": scenario ").Append(file.Scenario).Append(" did not match (frame ")
            .Append(MarbleDuration.Format(file.Frame)).Append(", observed to frame ").Append(file.Horizon).Append(")\n");
        if (missing.Count > 0 || extra.Count > 0)
        {
            AppendEvents(message, file, expected, actual, missing, extra);
        }

        foreach (var (input, expectedLog, actualLog) in logs)
        {
            AppendLog(message, file.Frame, input, expectedLog, actualLog);
        }

        throw new MarbleMismatchException(message.ToString().TrimEnd());
    }

    /// <summary>The expected diagram as records with literal values and the file's expected error.</summary>
    public static IReadOnlyList<MarbleRecord> Expected(MarbleFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Expected.Events
            .Select(e => new MarbleRecord(
                e.Frame * file.Frame.Ticks,
                e.Kind,
                e.Kind == MarbleEventKind.Next ? file.Value(e.Key) : null,
                e.Kind == MarbleEventKind.Error ? file.ExpectedError : null))
            .ToList();
    }

    /// <summary>True when <paramref name="actual"/> is what <paramref name="expected"/> describes.</summary>
    public static bool Agrees(MarbleRecord expected, MarbleRecord actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return expected.Ticks == actual.Ticks && expected.Kind == actual.Kind && expected.Kind switch
        {
            MarbleEventKind.Next => expected.Value == actual.Value,
            MarbleEventKind.Error => expected.Error is { } e && actual.Error is { } a && e.Accepts(a),
            _ => true,
        };
    }

    /// <summary>Events only in <paramref name="expected"/> and only in <paramref name="actual"/>, by longest common subsequence.</summary>
    private static (List<MarbleRecord> Missing, List<MarbleRecord> Extra) Differences(
        IReadOnlyList<MarbleRecord> expected, IReadOnlyList<MarbleRecord> actual)
    {
        var common = new int[expected.Count + 1, actual.Count + 1];
        for (var i = expected.Count - 1; i >= 0; i--)
        {
            for (var j = actual.Count - 1; j >= 0; j--)
            {
                common[i, j] = Agrees(expected[i], actual[j])
                    ? common[i + 1, j + 1] + 1
                    : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var missing = new List<MarbleRecord>();
        var extra = new List<MarbleRecord>();
        int x = 0, y = 0;
        while (x < expected.Count || y < actual.Count)
        {
            if (x < expected.Count && y < actual.Count && Agrees(expected[x], actual[y]))
            {
                x++;
                y++;
            }
            else if (y == actual.Count || (x < expected.Count && common[x + 1, y] >= common[x, y + 1]))
            {
                missing.Add(expected[x++]);
            }
            else
            {
                extra.Add(actual[y++]);
            }
        }

        return (missing, extra);
    }

    private static void AppendEvents(
        StringBuilder message, MarbleFile file, IReadOnlyList<MarbleRecord> expected, MarbleResult actual, List<MarbleRecord> missing, List<MarbleRecord> extra)
    {
        var legend = new MarbleLegend(file);
        var scheduler = new MarbleScheduler(file.Frame);
        var actualEvents = actual.Events
            .Select(r => new MarbleEvent(scheduler.FrameOf(r.Ticks), r.Kind, r.Kind switch
            {
                MarbleEventKind.Next => legend.KeyFor(r.Value),
                MarbleEventKind.Completed => '|',
                _ => '#',
            }))
            .ToList();
        var rows = file.Inputs
            .Select(i => (i.Name + (i.Hot ? "" : " (cold)"), i.Diagram.Events))
            .Append(("expected", file.Expected.Events))
            .Append(("actual", (IReadOnlyList<MarbleEvent>)actualEvents))
            .ToList();
        message.Append('\n').Append(Indent(MarbleFormat.Aligned(rows, file.Frame, file.Horizon))).Append('\n');

        var table = Pair(missing, extra)
            .Select(p => new[]
            {
                MarbleFormat.FrameNumber(p.Ticks, file.Frame),
                MarbleFormat.Time(p.Ticks),
                Describe(p.Expected, p.Actual, expected),
                Describe(p.Actual, p.Expected, actual.Events),
            })
            .Prepend(["frame", "time", "expected", "actual"])
            .ToList();
        var widths = Enumerable.Range(0, 4).Select(c => table.Max(r => r[c].Length)).ToArray();
        foreach (var row in table)
        {
            message.Append("  ").AppendJoin("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).Append('\n');
        }

        var values = file.Values.OrderBy(v => v.Key).Select(v => $"{v.Key} = {v.Value}").ToList();
        if (values.Count > 0)
        {
            message.Append("\nvalues: ").AppendJoin(", ", values).Append('\n');
        }

        if (legend.Extras.Count > 0)
        {
            message.Append("actual values not in the file: ").AppendJoin(", ", legend.Extras.Select(e => $"{e.Key} = {e.Literal}")).Append('\n');
        }

        if (actual.Events.Any(r => r.Ticks % file.Frame.Ticks != 0))
        {
            message.Append("note: some actual events fall between frames; the diagram shows them at the frame before\n");
        }
    }

    /// <summary>Describes <paramref name="record"/>; adds its place within the frame when only the order differs.</summary>
    private static string Describe(MarbleRecord? record, MarbleRecord? other, IReadOnlyList<MarbleRecord> all)
    {
        if (record is null)
        {
            return "-";
        }

        var text = record.Describe();
        if (other is null || other.Describe() != text)
        {
            return text;
        }

        var sameFrame = all.Where(r => r.Ticks == record.Ticks).ToList();
        var place = sameFrame.FindIndex(r => ReferenceEquals(r, record)) + 1;
        return $"{text} ({Ordinal(place)} of {sameFrame.Count} in the frame)";
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => $"{n}th",
    };

    private static IEnumerable<(long Ticks, MarbleRecord? Expected, MarbleRecord? Actual)> Pair(List<MarbleRecord> missing, List<MarbleRecord> extra)
    {
        foreach (var ticks in missing.Select(r => r.Ticks).Concat(extra.Select(r => r.Ticks)).Distinct().Order())
        {
            var left = missing.Where(r => r.Ticks == ticks).ToList();
            var right = extra.Where(r => r.Ticks == ticks).ToList();
            for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
            {
                yield return (ticks, i < left.Count ? left[i] : null, i < right.Count ? right[i] : null);
            }
        }
    }

    private static void AppendLog(StringBuilder message, TimeSpan frame, string input, IReadOnlyList<MarbleSubscription> expected, IReadOnlyList<MarbleSubscription> actual)
    {
        message.Append("\nsubscriptions of '").Append(input).Append("' differ:\n");
        AppendWindows(message, "expected", expected, frame);
        AppendWindows(message, "actual", actual, frame);
    }

    private static void AppendWindows(StringBuilder message, string label, IReadOnlyList<MarbleSubscription> windows, TimeSpan frame)
    {
        if (windows.Count == 0)
        {
            message.Append("  ").Append(label).Append(": -  (never subscribed)\n");
        }

        foreach (var w in windows)
        {
            message.Append("  ").Append((label + ":").PadRight(10)).Append(MarbleFormat.Subscription(w, frame))
                .Append("  (").Append(w).Append(")\n");
        }
    }

    private static string Indent(string lines) =>
        string.Concat(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));
}
