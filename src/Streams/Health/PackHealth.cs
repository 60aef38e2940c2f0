using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;

namespace Streams.Health;

/// <summary>Per-pack health over the polls of any number of packs.</summary>
internal static class PackHealth
{
    /// <summary>
    /// Groups <paramref name="polls"/> by device name and, per pack, logs its error reports
    /// (<see cref="ErrorReporting.ReportErrors"/> with <see cref="HealthOptions.Heartbeat"/>, then
    /// <see cref="ErrorReportLogging.LogTo"/>) and emits its availability changes
    /// (<see cref="Availability.TrackAvailability"/> with <see cref="HealthOptions.OfflineAfter"/>).
    /// </summary>
    /// <remarks>
    /// Subscribes to <paramref name="polls"/> once; to also publish the readings, share the polls:
    /// <c>polls.Publish(p =&gt; Observable.Merge(p.Where(x =&gt; x.Reading is not null).Select(...), p.MonitorHealth(...).Select(...)))</c>.
    /// </remarks>
    /// <param name="polls">Polls of all packs (several sources merged is fine: names are unique).</param>
    /// <param name="health">Offline threshold and heartbeat.</param>
    /// <param name="log">Where error reports are written, as <c>pack NAME: …</c>.</param>
    /// <param name="scheduler">Runs the heartbeat timers.</param>
    public static IObservable<AvailabilityChange> MonitorHealth(
        this IObservable<PackPoll> polls, HealthOptions health, ILogger log, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(scheduler);
        return polls
            .GroupBy(poll => poll.Device.Name, StringComparer.Ordinal)
            .SelectMany(pack => pack.Publish(shared => Observable.Merge(
                shared
                    .Select(poll => poll.Outcome)
                    .ReportErrors(health.Heartbeat, scheduler)
                    .LogTo(log, pack.Key)
                    .IgnoreElements()
                    .Select(static _ => default(AvailabilityChange)!),
                shared.TrackAvailability(health.OfflineAfter))));
    }
}
