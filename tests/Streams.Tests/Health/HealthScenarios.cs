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
