using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Streams.Transports.Serial;

/// <summary>Rx operators over serial links.</summary>
internal static class SerialLinks
{
    /// <summary>
    /// Keeps a serial link open: opens at subscription, reports the link, and when an open fails
    /// with an <see cref="IOException"/> or the live link is lost, reports why and reopens after an
    /// exponential backoff (<paramref name="policy"/>; reset by every successful open), until the
    /// device is back. Runs for ever; disposing the subscription disposes the live link and any
    /// pending retry. Any other exception from <paramref name="open"/> ends the stream with OnError.
    /// </summary>
    /// <remarks>
    /// Policy 1 s doubling, device absent until 10 s, unplugged at 15 s, back at 17 s
    /// (D = Disconnected, r1/r2/r4 = RetryIn 1 s/2 s/4 s, C = Connected):
    /// <code>
    /// time (s)  0    1    3    7       11   15   16  18
    /// status    D r1 D r2 D r4 D r4 ... C    D r1 D r2 C
    /// </code>
    /// Cold: each subscription opens its own link, so <c>Publish()</c> it to share one port. Subscribe
    /// to <see cref="LinkStatus.Connected.Link"/>'s <see cref="ISerialLink.Received"/> synchronously
    /// inside <c>OnNext</c> (not after an <c>ObserveOn</c>) to see every byte of the new link.
    /// </remarks>
    /// <param name="open">Opens the port, e.g. <c>() =&gt; TermiosSerialPort.Open(settings)</c>; called on <paramref name="scheduler"/>.</param>
    /// <param name="policy">Backoff between attempts.</param>
    /// <param name="scheduler">Runs the open attempts and the backoff timers.</param>
    public static IObservable<LinkStatus> Reconnecting(Func<ISerialLink> open, ReconnectPolicy policy, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scheduler);
        return Observable.Create<LinkStatus>(observer => new ReconnectLoop(open, policy, scheduler, observer));
    }

    /// <summary>
    /// The bytes of whichever link is currently connected, across reconnections. A lost link's
    /// <see cref="SerialDisconnectedException"/> is not forwarded (the statuses already report it).
    /// </summary>
    public static IObservable<ReadOnlyMemory<byte>> ReceivedWhileConnected(this IObservable<LinkStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return statuses
            .OfType<LinkStatus.Connected>()
            .Select(connected => connected.Link.Received
                .Catch<ReadOnlyMemory<byte>, SerialDisconnectedException>(_ => Observable.Empty<ReadOnlyMemory<byte>>()))
            .Switch();
    }
}
