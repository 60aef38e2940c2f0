using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Streams.Mqtt;

/// <summary>
/// Dead-link detection as an Rx operator, so its timing is checked in virtual time
/// (marbles/mqtt/dead-link*.marble). Pinging only when idle is not enough for a bridge: it publishes
/// all the time, so an idle-only ping never goes out and a frozen broker (SIGSTOP, a half-open
/// link) would only be noticed when TCP gives up, minutes later.
/// </summary>
internal static class MqttDeadLink
{
    /// <summary>
    /// Subscribes <paramref name="ping"/> every <paramref name="interval"/> (counted from the previous
    /// answer) and gives each answer <paramref name="timeout"/>. Emits, then completes, the reason
    /// the link is dead: a ping that timed out, or one that failed. Never emits while the broker answers.
    /// Worst case from freeze to verdict: <paramref name="interval"/> + <paramref name="timeout"/>.
    /// </summary>
    public static IObservable<Exception> Watch(Func<IObservable<Unit>> ping, TimeSpan interval, TimeSpan timeout, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(ping);
        ArgumentNullException.ThrowIfNull(scheduler);
        var noAnswer = new TimeoutException($"no answer to PINGREQ within {timeout.TotalSeconds:0.###} s; the broker stopped answering");
        return Observable.Defer(() => ping().Take(1).Timeout(timeout, Observable.Throw<Unit>(noAnswer), scheduler))
            .DelaySubscription(interval, scheduler)
            .Repeat()
            .IgnoreElements()
            .Select(_ => noAnswer as Exception)
            .Catch<Exception, Exception>(reason => Observable.Return(reason));
    }
}
