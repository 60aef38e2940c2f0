using System.Reactive.Linq;
using Streams.Core;
using Streams.Health;
using Streams.Testing.Marbles;

namespace Streams.Tests.Health;

internal static class HealthScenarios
{
    /// <summary>Input values: <c>ok</c>, or a failure category. Output: the report's kind, category and cycles.</summary>
    [MarbleScenario("health.error-reports")]
    public static IObservable<string> ErrorReports(IMarbleContext ctx) =>
        ctx.Input("outcomes")
            .Select(ParseOutcome)
            .ReportErrors(TimeSpan.FromHours(1), ctx.Scheduler)
            .Select(Render);

    /// <summary>Input <c>progress</c>: any value is one finished poll. Output: <c>alive</c> or <c>stalled</c> per check.</summary>
    [MarbleScenario("health.liveness")]
    public static IObservable<string> Liveness(IMarbleContext ctx) =>
        ctx.Input("progress")
            .CheckLiveness(Duration(ctx, "every"), Duration(ctx, "stall-after"), ctx.Scheduler)
            .Select(liveness => liveness == Streams.Health.Liveness.Alive ? "alive" : "stalled");

    private static TimeSpan Duration(IMarbleContext ctx, string key) =>
        MarbleDuration.Parse(ctx.Meta(key) ?? throw new InvalidOperationException($"@{key} is required"));

    internal static PollOutcome ParseOutcome(string literal) =>
        literal == "ok" ? PollOutcome.Success : PollOutcome.Failure(literal, literal);

    internal static string Render(ErrorReport report) => report switch
    {
        Failing f => $"Failing {f.Category} {f.FailedCycles}",
        StillFailing s => $"StillFailing {s.Category} {s.FailedCycles}",
        Recovered r => $"Recovered {r.FailedCycles}",
        _ => throw new ArgumentOutOfRangeException(nameof(report), report, "unknown report"),
    };
}
