using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Core;

namespace Streams.Derived;

/// <summary>Energy and charge meters over the readings of any number of packs (or banks).</summary>
internal static class EnergyMeterExtensions
{
    /// <summary>
    /// Appends <c>energy_charged</c>, <c>energy_discharged</c> (kWh), <c>amp_hours_charged</c> and
    /// <c>amp_hours_discharged</c> (Ah) to each reading, integrated per device name from voltage ×
    /// current between its consecutive readings (<see cref="EnergyMeter"/>: trapezoid rule, + current
    /// = charging, nothing across a gap longer than its gap limit (<see cref="MeterOptions.GapLimitOf"/>) or a reading
    /// without voltage or current). The totals start from <paramref name="store"/> and are saved to
    /// it every <see cref="MeterOptions.SaveEvery"/> when they changed, and once more when the
    /// subscription ends (disposal, completion or error), so a clean stop loses nothing.
    /// <code>
    /// readings : a-a-a-a-a-a-a-a-   (every 10 s, charging)
    /// saves    : -----S-----S--(S)  (once a minute; the last at dispose)
    /// </code>
    /// </summary>
    /// <remarks>Subscribe once per store: two subscriptions would count the same packs twice into the same files.</remarks>
    /// <param name="readings">Readings of any packs; names are the meters' identities (and their state files).</param>
    /// <param name="options">Gap limit and save period.</param>
    /// <param name="store">Where totals are loaded from and saved to.</param>
    /// <param name="scheduler">Runs the save timer; its clock stamps the saves.</param>
    public static IObservable<Reading> MeterEnergy(
        this IObservable<Reading> readings, MeterOptions options, IMeterStore store, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        options.Validate();

        return Observable.Defer(() =>
        {
            var book = new MeterBook(store, options);
            return Observable
                .Using(
                    () => Observable.Interval(options.SaveEvery, scheduler).Subscribe(_ => book.Save(scheduler.Now)),
                    _ => readings.Select(book.Apply))
                .Finally(() => book.Save(scheduler.Now));
        });
    }
}
