using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Core;
using Streams.Polling;
using Streams.Transports.Bluetooth;

namespace Streams.Devices.Jbd.Ble;

/// <summary>
/// Polls one JBD / Xiaoxiang BMS over Bluetooth LE with one persistent connection, as the seed's
/// handler does (a connect per poll failed about half the time through proxies):
/// <list type="bullet">
/// <item>the first poll connects (then the <c>FF AA</c> password handshake when a password is configured);
/// later polls reuse the connection;</item>
/// <item>a dropped link is noticed at once and the next poll reconnects (the stale connection is told to
/// disconnect first);</item>
/// <item>a reply timeout forces a disconnect, so that the next poll starts clean;</item>
/// <item>each poll is the one <see cref="JbdPoll"/> (basic info, cells, the model once per connection);</item>
/// <item>switch commands for this BMS (<see cref="JbdSwitches"/>) use the same connection, one at a
/// time with the polls, and are followed by a re-read, the state that flows on.</item>
/// </list>
/// Each reading carries the link diagnostics of <see cref="BleLinkFields"/>. All waits run on the given scheduler.
/// </summary>
internal static class JbdBlePoller
{
    /// <summary>
    /// One <see cref="PackPoll"/> per poll cycle (every <see cref="JbdBleOptions.PollInterval"/> from
    /// cycle start, never overlapping), plus one after each MOSFET command (its re-read). Failures are
    /// polls too, never errors. Cold: each subscription has its own connection, which disposing it disconnects.
    /// </summary>
    /// <param name="link">The BMS's link (<see cref="BlueZLink"/>, or a fake); outlives the subscription.</param>
    /// <param name="options">Name, address, password, control permission, timeouts and cadence.</param>
    /// <param name="commands">Switch commands from outside; those for other devices are ignored.</param>
    /// <param name="scheduler">Runs the cadence, timeouts and settle delay; stamps readings.</param>
    /// <param name="poller">Log and counters.</param>
    public static IObservable<PackPoll> Polls(
        IBleLink link, JbdBleOptions options, IObservable<SwitchCommand> commands, IScheduler scheduler, PollerOptions poller)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(poller);
        return Observable.Using(
            () => new JbdBleRun(link, options, scheduler, poller),
            run => run.Polls().Merge(commands
                .Where(command => command.Device == options.Name)
                .SelectMany(run.Command)));
    }
}
