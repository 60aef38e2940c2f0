using System.Reactive.Linq;
using Streams.Config;
using Streams.Protocols.Jbd;
using Streams.Sources.Bluetooth;

namespace Streams.Polling;

/// <summary>Builds the live JBD-over-BlueZ poller of a <c>jbd-ble</c> source.</summary>
public static class JbdBlePolling
{
    /// <summary>
    /// A poller over <see cref="BlueZLink"/> on the configured adapter, for callers that also switch the
    /// MOSFETs (<see cref="JbdBlePoller.SetMosfetsAsync"/>). Dispose <paramref name="link"/> after the
    /// last subscription to <see cref="JbdBlePoller.Polls"/> ended.
    /// </summary>
    public static JbdBlePoller Create(JbdBleSourceConfig source, SourceContext context, out IBleLink link)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(context);
        link = new BlueZLink(source.Adapter, source.Mac, JbdGattProfile.Profile, context.Scheduler);
        return new JbdBlePoller(link, source, context.Scheduler, Options(context));
    }

    /// <summary>The source's polls alone (read-only use): the BlueZ link lives as long as the subscription.</summary>
    public static IObservable<PackPoll> Polls(JbdBleSourceConfig source, SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(context);
        return Observable.Using(
            () => new BlueZLink(source.Adapter, source.Mac, JbdGattProfile.Profile, context.Scheduler),
            link => new JbdBlePoller(link, source, context.Scheduler, Options(context)).Polls);
    }

    private static PollerOptions Options(SourceContext context) => new(context.Log) { Trace = context.Trace };
}
