using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Core;
using Streams.Derived;
using Streams.Sinks;

namespace Streams.Composition;

/// <summary>
/// The derived values between the polls and the sink: every pack's readings with their estimates,
/// every bank combined from its packs' readings and availability, and all of them through one set of
/// energy meters (one store, one save timer) before they are published.
/// </summary>
internal static class DerivedPipeline
{
    /// <summary>
    /// Publishes to <paramref name="sink"/> the readings of the packs and banks, metered, and each bank's
    /// availability changes (unavailable while no pack is online). Ends when the packs' readings and
    /// availability end; the meters save once more then, and when the subscription is disposed.
    /// </summary>
    public static IObservable<Unit> Publish(
        IObservable<Reading> packReadings,
        IObservable<AvailabilityChange> packAvailability,
        DerivedSetup setup,
        IReadingSink sink,
        IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(packReadings);
        ArgumentNullException.ThrowIfNull(packAvailability);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(sink);

        var banks = setup.Banks.Select(bank => packReadings.CombineBank(packAvailability, bank, scheduler)).Merge();
        return banks.Publish(updates => Observable.Merge(
            Observable.Merge(packReadings.WithEstimates(setup.Estimates), updates.BankReadings())
                .MeterEnergy(setup.Meters, setup.Store, scheduler)
                .Do(sink.Publish)
                .Select(static _ => Unit.Default),
            updates.GroupBy(update => update.Device.Name)
                .SelectMany(bank => bank.BankAvailability())
                .Do(change => sink.SetAvailability(change.Device, change.Online))
                .Select(static _ => Unit.Default)));
    }
}
