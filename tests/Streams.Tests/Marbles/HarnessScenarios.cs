using System.Reactive.Linq;
using Streams.Testing.Marbles;

namespace Streams.Tests.Marbles;

/// <summary>Plain Rx operators behind marbles/harness/*.marble: they exercise the file-driven path itself.</summary>
internal static class HarnessScenarios
{
    [MarbleScenario("harness.throttle")]
    public static IObservable<string> Throttle(IMarbleContext ctx) =>
        ctx.Input("source").Throttle(Duration(ctx, "window"), ctx.Scheduler);

    [MarbleScenario("harness.delay")]
    public static IObservable<string> Delay(IMarbleContext ctx) =>
        ctx.Input("source").Delay(Duration(ctx, "delay"), ctx.Scheduler);

    [MarbleScenario("harness.distinct")]
    public static IObservable<string> Distinct(IMarbleContext ctx) =>
        ctx.Input("source").DistinctUntilChanged();

    /// <summary>Report on change, then re-report every <c>@period</c> while unchanged.</summary>
    [MarbleScenario("harness.report-on-change-and-periodically")]
    public static IObservable<string> ReportOnChangeAndPeriodically(IMarbleContext ctx)
    {
        var period = Duration(ctx, "period");
        return ctx.Input("readings")
            .DistinctUntilChanged()
            .Select(v => Observable.Interval(period, ctx.Scheduler).Select(_ => v).StartWith(v))
            .Switch();
    }

    [MarbleScenario("harness.take")]
    public static IObservable<string> Take(IMarbleContext ctx) =>
        ctx.Input("source").Take(int.Parse(ctx.Meta("count") ?? "1", System.Globalization.CultureInfo.InvariantCulture));

    [MarbleScenario("harness.retry")]
    public static IObservable<string> Retry(IMarbleContext ctx) =>
        ctx.Input("source").Retry(int.Parse(ctx.Meta("attempts") ?? "1", System.Globalization.CultureInfo.InvariantCulture));

    [MarbleScenario("harness.merge")]
    public static IObservable<string> Merge(IMarbleContext ctx) =>
        ctx.Input("left").Merge(ctx.Input("right"));

    /// <summary>Stamps each value with the scheduler's wall clock, to pin the epoch and hourly alignment.</summary>
    [MarbleScenario("harness.wall-clock")]
    public static IObservable<string> WallClock(IMarbleContext ctx) =>
        ctx.Input("ticks").Select(_ => ctx.Scheduler.Now.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));

    private static TimeSpan Duration(IMarbleContext ctx, string key) =>
        MarbleDuration.Parse(ctx.Meta(key) ?? throw new InvalidOperationException($"the file needs @{key}"));
}
