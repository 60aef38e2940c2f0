using System.Reactive.Linq;
using Streams.Core;

namespace Streams.Health;

/// <summary>Whether a pack is available, from its poll results.</summary>
internal static class Availability
{
    /// <summary>
    /// Emits only on transitions of one pack's availability: online at the first success (and at the
    /// first success after being offline), offline after <paramref name="offlineAfter"/> consecutive
    /// failures (also when the pack has never answered yet). Completion and errors pass through.
    /// <code>
    /// polls   : -f-o-f-f-o-f-f-f-f-o-   (o ok, f failed; offlineAfter 3)
    /// changes : ---U-------------D-U-   (U online, D offline)
    /// </code>
    /// </summary>
    /// <param name="polls">The polls of ONE pack, e.g. a group of <see cref="PackHealth.MonitorHealth"/>.</param>
    /// <param name="offlineAfter">Consecutive failures that make the pack offline, at least 1 (config <c>health.offline_after</c>).</param>
    public static IObservable<AvailabilityChange> TrackAvailability(this IObservable<PackPoll> polls, int offlineAfter)
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentOutOfRangeException.ThrowIfLessThan(offlineAfter, 1);
        return Observable.Defer(() =>
        {
            bool? online = null;
            var failures = 0;
            return polls
                .Select(poll =>
                {
                    if (poll.Outcome.Succeeded)
                    {
                        failures = 0;
                        if (online == true)
                        {
                            return null;
                        }

                        online = true;
                        return new AvailabilityChange(poll.Device, true);
                    }

                    failures++;
                    if (failures < offlineAfter || online == false)
                    {
                        return null;
                    }

                    online = false;
                    return new AvailabilityChange(poll.Device, false);
                })
                .Where(change => change is not null)
                .Select(change => change!);
        });
    }
}
