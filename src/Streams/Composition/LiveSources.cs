using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.Config.Model;
using Streams.Core;
using Streams.Simulation;

namespace Streams.Composition;

/// <summary>
/// Turns each configured source into its stream of polls. A simulator source starts its simulated
/// devices on a pseudo-terminal and is then polled through the real serial code, exactly like hardware.
/// </summary>
internal static class LiveSources
{
    public static IObservable<PackPoll> Polls(SourceConfig source, SourceContext context, DeviceCommandRouter commands) => source switch
    {
        SimulatorSourceConfig simulator => Simulated(simulator, context),
        JbdBleSourceConfig { AllowControl: true } controllable => Controllable(controllable, context, commands),
        _ => SourcePipelines.Create(source, context),
    };

    /// <summary>A BMS whose MOSFETs Home Assistant may switch: its commands from <paramref name="commands"/> drive its poller.</summary>
    private static IObservable<PackPoll> Controllable(JbdBleSourceConfig source, SourceContext context, DeviceCommandRouter commands) =>
        Observable.Using(
            () => new CompositeDisposable(),
            lease =>
            {
                var poller = JbdBlePolling.Create(source, context, out var link);
                lease.Add(link);
                return Observable.Create<PackPoll>(observer => new CompositeDisposable(
                    poller.Polls.Subscribe(observer),
                    commands.Drive(source.Name, poller).Subscribe()));
            });

    private static IObservable<PackPoll> Simulated(SimulatorSourceConfig simulator, SourceContext context) =>
        Observable.Using(
            () => SimulatorHost.Start(simulator, context.Scheduler),
            host =>
            {
                context.Log.Information("simulated {Device} on {Port:l}", simulator.Device, host.DevicePath);
                return SourcePipelines.Create(host.SerialSource, context);
            });

    /// <summary>Merges every source's polls; each runs independently, so one dead port never delays another.</summary>
    public static IObservable<PackPoll> All(IEnumerable<SourceConfig> sources, Func<SourceConfig, SourceContext> contextFor, DeviceCommandRouter commands) =>
        sources.Select(source => Polls(source, contextFor(source), commands)).Merge();
}
