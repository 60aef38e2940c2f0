using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Core;

namespace Streams.Derived;

/// <summary>A bank of parallel packs as one battery.</summary>
internal static class BankExtensions
{
    /// <summary>
    /// Combines the readings of the bank's packs into bank readings (<see cref="BankAggregate"/>:
    /// capacity-weighted SoC, summed current, power and capacities, min/max cell and which pack holds
    /// it, packs online / configured, time to full / empty, stored energy), emitted at every reading
    /// or availability change of one of its packs and whenever a counted pack goes stale. A pack
    /// counts while its last reading is younger than <see cref="BankOptions.StaleAfter"/> and no
    /// offline came after it. With no pack counting the update carries no reading: the bank is
    /// unavailable (<see cref="BankAvailability"/>). It completes when both inputs have.
    /// <code>
    /// readings     : a-b-a-b-a----------   (packs p1, p2; stale after 4 frames)
    /// availability : -----------------     (none)
    /// updates      : x-y-y-y-y---z-U       (U: p2 went stale at +4, then p1: unavailable)
    /// </code>
    /// </summary>
    /// <remarks>
    /// The bank reading carries the mean pack voltage and the summed current, so the bank's own
    /// meters (<see cref="EnergyMeterExtensions.MeterEnergy"/> over <see cref="BankReadings"/>)
    /// integrate their product: for packs in parallel within a fraction of a percent of the sum of
    /// the packs' meters, and unlike that sum it never drops when a pack drops out.
    /// </remarks>
    /// <param name="readings">Readings of any packs; those not in the bank are ignored.</param>
    /// <param name="availability">Availability changes of any packs (PackHealth.MonitorHealth).</param>
    /// <param name="options">The bank's name, packs and staleness limit.</param>
    /// <param name="scheduler">Its clock stamps arrivals and bank readings; its timers expire stale packs.</param>
    public static IObservable<BankUpdate> CombineBank(
        this IObservable<Reading> readings,
        IObservable<AvailabilityChange> availability,
        BankOptions options,
        IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(availability);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        options.Validate();

        var device = BankDevice.For(options);
        var empty = BankTable.Empty(options);
        var changes = Observable.Merge(
            readings
                .Where(reading => empty.Holds(reading.Device.Name))
                .Select(reading => (Func<BankTable, BankTable>)(table => table.WithReading(reading, scheduler.Now))),
            availability
                .Where(change => empty.Holds(change.Device.Name))
                .Select(change => (Func<BankTable, BankTable>)(table => table.WithAvailability(change.Device.Name, change.Online))));

        BankUpdate At(BankTable table, DateTimeOffset at) =>
            new(device, BankAggregate.Combine(device, options, table.Included(at), at));

        // After each change: the bank now, then again at each moment a counted pack goes stale,
        // until the next change replaces the schedule.
        IObservable<BankUpdate> Schedule(BankTable table)
        {
            var now = scheduler.Now;
            return Observable.Return(At(table, now))
                .Concat(table.Expiries(now)
                    .Select(expiry => Observable.Timer(expiry, scheduler).Select(_ => At(table, expiry)))
                    .Concat());
        }

        // When the inputs end (a replay, a shutdown) the bank ends too, its pending timers dropped.
        return changes.Publish(shared => shared
            .Scan(empty, (table, change) => change(table))
            .Select(Schedule)
            .Switch()
            .TakeUntil(shared.LastOrDefaultAsync()));
    }

    /// <summary>The bank's availability: online while it has a reading, only the changes (the first update included).</summary>
    public static IObservable<AvailabilityChange> BankAvailability(this IObservable<BankUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return updates
            .DistinctUntilChanged(update => update.Online)
            .Select(update => new AvailabilityChange(update.Device, update.Online));
    }

    /// <summary>The bank's readings alone, e.g. for <see cref="EnergyMeterExtensions.MeterEnergy"/>.</summary>
    public static IObservable<Reading> BankReadings(this IObservable<BankUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return updates.Where(update => update.Online).Select(update => update.Reading!);
    }
}
