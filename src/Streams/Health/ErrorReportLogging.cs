using System.Reactive.Linq;
using Serilog;

namespace Streams.Health;

/// <summary>Writes error reports to the log with the pack's name, at the levels the seed used.</summary>
internal static class ErrorReportLogging
{
    /// <summary>Logs each report (Warning for failures, Information for recovery) and passes it on.</summary>
    public static IObservable<ErrorReport> LogTo(this IObservable<ErrorReport> reports, ILogger log, string pack)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(log);
        return reports.Do(report => Write(log, pack, report));
    }

    public static void Write(ILogger log, string pack, ErrorReport report)
    {
        switch (report)
        {
            case Failing f:
                log.Warning("pack {Pack:l}: {Detail:l}", pack, f.Detail);
                break;
            case StillFailing s:
                log.Warning("pack {Pack:l}: still failing ({FailedCycles} cycles): {Detail:l}", pack, s.FailedCycles, s.Detail);
                break;
            case Recovered r:
                log.Information("pack {Pack:l}: recovered after {FailedCycles} failed cycle(s)", pack, r.FailedCycles);
                break;
        }
    }
}
