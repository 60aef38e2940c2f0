using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Serilog;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Core;
using Streams.Health;
using Streams.Service;
using Streams.Sinks;

namespace Streams.Composition;

/// <summary>
/// The bridge proper: every source polled on its own cadence, readings with their derived values
/// (estimates, energy meters, banks) to the sink, per-pack error reports in the log and availability
/// to the sink; until cancelled, or after one cycle for <c>--dry-run</c>.
/// </summary>
internal static class LiveRun
{
    public static async Task RunAsync(
        StreamsConfig config,
        BridgeOptions options,
        IReadingSink sink,
        ILogger log,
        IScheduler scheduler,
        IObservable<SwitchCommand> commands,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);

        // The seed's --dry-run: simulated packs stand in for the configured ones, one cycle, then exit.
        IReadOnlyList<SourceConfig> sources = options.DryRun
            ? [.. config.Sources.Select(source => SourceKinds.For(source).EquivalentSimulator(source))]
            : config.Sources;
        var captureFor = CapturePaths.For(options.CapturePath, sources);
        var health = new HealthOptions(config.Health.OfflineAfter, config.Health.Heartbeat);
        var proxies = new EsphomeProxies();
        var polls = All(sources, source => new SourceContext(scheduler, log, config.Health)
        {
            Proxies = proxies,
            Trace = options.Trace,
            CapturePath = captureFor(source),
            Commands = commands,
        });
        var packs = sources.Sum(source => SourceKinds.For(source).Devices(source).Count());
        if (options.DryRun)
        {
            polls = polls.Take(packs);
        }

        log.Information("streams {Version:l}: {Sources} source(s), {Packs} pack(s){DryRun:l}",
            typeof(LiveRun).Assembly.GetName().Version?.ToString(3), sources.Count, packs, options.DryRun ? ", dry run" : string.Empty);

        var derived = DerivedSetup.From(config, options.DryRun, log);
        var manager = options.ServiceManager;
        var run = polls
            .Publish(shared => shared.MonitorHealth(health, log, scheduler).Publish(availability => Observable.Merge(
                DerivedPipeline.Publish(shared.Where(poll => poll.Reading is not null).Select(poll => poll.Reading!), availability, derived, sink, scheduler),
                availability.Do(change => sink.SetAvailability(change.Device, change.Online)).Select(static _ => Unit.Default),
                Watchdog(shared, manager, StallLimit(sources), log, scheduler),
                options.DryRun ? Observable.Empty<Unit>() : HeapRelease.Regularly(shared, packs, scheduler, HeapRelease.Collect))))
            .DefaultIfEmpty()
            .LastAsync()
            .ToTask(cancellation);
        manager?.Ready();
        await run;
    }

    /// <summary>
    /// How long no poll may finish before the bridge counts as hung: three of its slowest cycles,
    /// and never under five minutes, so a sniffer on a bus that is briefly quiet is left alone.
    /// </summary>
    public static TimeSpan StallLimit(IEnumerable<SourceConfig> sources)
    {
        var slowest = sources
            .SelectMany(source => SourceKinds.For(source).Devices(source))
            .Select(device => device.Settings.PollInterval)
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        return TimeSpan.FromTicks(Math.Max(3 * slowest.Ticks, TimeSpan.FromMinutes(5).Ticks));
    }

    /// <summary>systemd's watchdog fed by the pipeline's progress; a stall and a recovery are one log line each.</summary>
    private static IObservable<Unit> Watchdog(IObservable<PackPoll> polls, IServiceManager? manager, TimeSpan stallLimit, ILogger log, IScheduler scheduler)
    {
        if (manager?.WatchdogInterval is not { } every)
        {
            return Observable.Empty<Unit>();
        }

        return polls.CheckLiveness(every, TimeSpan.FromTicks(Math.Max(stallLimit.Ticks, every.Ticks)), scheduler)
            .Do(liveness =>
            {
                if (liveness == Liveness.Alive)
                {
                    manager.Alive();
                }
            })
            .DistinctUntilChanged()
            .Skip(1)
            .Do(liveness =>
            {
                if (liveness == Liveness.Stalled)
                {
                    log.Warning("no poll finished for {Limit:l}: the watchdog is no longer fed, systemd will restart the bridge", stallLimit.ToString());
                }
                else
                {
                    log.Information("polls finish again: the watchdog is fed again");
                }
            })
            .Select(static _ => Unit.Default);
    }

    /// <summary>Merges every source's polls; each runs independently, so one dead port never delays another.</summary>
    public static IObservable<PackPoll> All(IEnumerable<SourceConfig> sources, Func<SourceConfig, SourceContext> contextFor) =>
        sources.Select(source => SourceKinds.For(source).Polls(source, contextFor(source))).Merge();
}
