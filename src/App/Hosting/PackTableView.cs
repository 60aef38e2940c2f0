using System.Globalization;
using Spectre.Console;
using Streams.Sinks;

namespace Streams.App.Hosting;

/// <summary>
/// Renders <see cref="PackRow"/>s as the console's table: one line per pack, units in the cells,
/// a dash for what a device does not report, problems and availability in colour.
/// </summary>
internal static class PackTableView
{
    private const string Missing = "[grey]-[/]";

    /// <summary>A delta of more than this many millivolts between cells is worth a glance.</summary>
    private const double WideCellDelta = 50;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Table Table(IReadOnlyList<PackRow> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("[bold]Streams[/] packs")
            .AddColumn("Pack")
            .AddColumn(Right("SoC"))
            .AddColumn(Right("Voltage"))
            .AddColumn(Right("Current"))
            .AddColumn(Right("Power"))
            .AddColumn(Right("Cell min"))
            .AddColumn(Right("Cell max"))
            .AddColumn(Right("Delta"))
            .AddColumn(Right("Temp"))
            .AddColumn("Problems")
            .AddColumn("Status")
            .AddColumn(Right("Age"));
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Name),
                Value(row.StateOfCharge, "0", " %"),
                Value(row.Voltage, "0.00", " V"),
                Value(row.Current, "0.00", " A"),
                Value(row.Power, "0", " W"),
                Value(row.CellMin, "0.000", " V"),
                Value(row.CellMax, "0.000", " V"),
                Delta(row.CellDelta),
                Temperature(row.TemperatureMin, row.TemperatureMax),
                Problems(row.Problems),
                Status(row),
                Age(row.LastReading, now));
        }

        if (rows.Count == 0)
        {
            table.Caption("[grey]no packs yet[/]");
        }

        return table;
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    private static string Value(double? value, string format, string unit) =>
        value is { } v ? v.ToString(format, Invariant) + unit : Missing;

    private static string Delta(double? millivolts) => millivolts switch
    {
        null => Missing,
        > WideCellDelta => $"[yellow]{millivolts.Value.ToString("0", Invariant)} mV[/]",
        _ => millivolts.Value.ToString("0", Invariant) + " mV",
    };

    private static string Temperature(double? min, double? max) => (min, max) switch
    {
        (null, _) or (_, null) => Missing,
        var (low, high) when low == high => low.Value.ToString("0.#", Invariant) + " °C",
        var (low, high) => $"{low.Value.ToString("0.#", Invariant)}-{high.Value.ToString("0.#", Invariant)} °C",
    };

    private static string Problems(IReadOnlyList<string> problems) => problems.Count switch
    {
        0 => "[green]none[/]",
        1 => $"[red]{Markup.Escape(problems[0])}[/]",
        _ => $"[red]{problems.Count}: {Markup.Escape(string.Join(", ", problems))}[/]",
    };

    private static string Status(PackRow row) => row.Online switch
    {
        true => "[green]online[/]",
        false => "[red]offline[/]",
        null => "[grey]waiting[/]",
    };

    private static string Age(DateTimeOffset? last, DateTimeOffset now)
    {
        if (last is not { } at)
        {
            return Missing;
        }

        var age = now - at;
        return age switch
        {
            { TotalSeconds: < 1 } => "now",
            { TotalMinutes: < 1 } => $"{(int)age.TotalSeconds} s",
            { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min",
            _ => $"{(int)age.TotalHours} h",
        };
    }
}
