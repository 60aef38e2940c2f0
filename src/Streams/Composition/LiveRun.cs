using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Serilog;
using Streams.Config.Model;
using Streams.Health;
using Streams.Sinks;

namespace Streams.Composition;

/// <summary>
/// The bridge proper: every source polled on its own cadence, readings to the sink, per-pack error
/// reports in the log and availability to the sink; until cancelled, or after one cycle for <c>--dry-run</c>.
/// </summary>
internal static class LiveRun
{
    public static async Task RunAsync(
        StreamsConfig config,
        BridgeOptions options,
        IReadingSink sink,
        ILogger log,
        IScheduler scheduler,
        DeviceCommandRouter commands,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);

        // The seed's --dry-run: simulated packs stand in for the configured ones, one cycle, then exit.
        IReadOnlyList<SourceConfig> sources = options.DryRun
            ? [.. config.Sources.Select(SimulatorSources.EquivalentSimulator)]
            : config.Sources;
        var captureFor = CapturePaths.For(options.CapturePath, sources);
        SourceContext ContextFor(SourceConfig source) =>
            new(scheduler, log, config.Health) { Trace = options.Trace, CapturePath = captureFor(source) };

        var polls = LiveSources.All(sources, ContextFor, commands);
        if (options.DryRun)
        {
            polls = polls.Take(sources.OfType<SimulatorSourceConfig>().Sum(source => source.Packs.Count));
        }

        log.Information("streams {Version:l}: {Sources} source(s), {Packs} pack(s){DryRun:l}",
            typeof(LiveRun).Assembly.GetName().Version?.ToString(3), sources.Count, PackCount(sources), options.DryRun ? ", dry run" : string.Empty);

        await polls
            .Publish(shared => Observable.Merge(
                shared.Where(poll => poll.Reading is not null).Do(poll => sink.Publish(poll.Reading!)).Select(static _ => Unit.Default),
                shared.MonitorHealth(config.Health, log, scheduler).Do(change => sink.SetAvailability(change.Device, change.Online)).Select(static _ => Unit.Default)))
            .DefaultIfEmpty()
            .LastAsync()
            .ToTask(cancellation);
    }

    private static int PackCount(IEnumerable<SourceConfig> sources) => sources.Sum(source => source switch
    {
        SimulatorSourceConfig s => s.Packs.Count,
        Eg4ModbusSourceConfig s => s.Packs.Count,
        Eg4LegacySourceConfig s => s.Packs.Count,
        SnifferSourceConfig s => s.Packs.Count,
        _ => 1,
    });
}
