using System.Reactive.Linq;
using Streams.Config;
using Streams.Polling;
using Streams.Simulation;

namespace Streams.Bridge;

/// <summary>
/// Turns each configured source into its stream of polls. A simulator source starts its simulated
/// devices on a pseudo-terminal and is then polled through the real serial code, exactly like hardware.
/// </summary>
internal static class LiveSources
{
    public static IObservable<PackPoll> Polls(SourceConfig source, SourceContext context) => source switch
    {
        SimulatorSourceConfig simulator => Simulated(simulator, context),
        _ => SourcePipelines.Create(source, context),
    };

    private static IObservable<PackPoll> Simulated(SimulatorSourceConfig simulator, SourceContext context) =>
        Observable.Using(
            () => SimulatorHost.Start(simulator, context.Scheduler),
            host =>
            {
                context.Log.Information("simulated {Device} on {Port:l}", simulator.Device, host.DevicePath);
                return SourcePipelines.Create(host.SerialSource, context);
            });

    /// <summary>Merges every source's polls; each runs independently, so one dead port never delays another.</summary>
    public static IObservable<PackPoll> All(IEnumerable<SourceConfig> sources, Func<SourceConfig, SourceContext> contextFor) =>
        sources.Select(source => Polls(source, contextFor(source))).Merge();
}
