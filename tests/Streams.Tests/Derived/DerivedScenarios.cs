using System.Globalization;
using System.Reactive.Linq;
using Streams.Derived;
using Streams.Core;
using Streams.Testing.Marbles;
using Streams.Tests.Support;

namespace Streams.Tests.Derived;

/// <summary>
/// The operators behind marbles/derived/*.marble (keys and literals in marbles/derived/README.md).
/// Readings are stamped with the virtual clock as they arrive, as the pollers do.
/// </summary>
public static class DerivedScenarios
{
    private static readonly TimeSpan DefaultGapLimit = TimeSpan.FromMinutes(3);

    /// <summary>The meters over the input <c>readings</c>; <c>@gap-limit</c> (default 3m).</summary>
    [MarbleScenario("derived.meter")]
    public static IObservable<string> Meter(IMarbleContext ctx) =>
        Readings(ctx, "readings").MeterEnergy(MeterOptions(ctx), new RecordingMeterStore(), ctx.Scheduler).Select(DerivedLiterals.Meter);

    /// <summary>
    /// A real restart on real files: the meter over the hot input <c>readings</c> runs until the hot
    /// input <c>stop</c>, and a new one with a new store on the same state directory from <c>restart</c>.
    /// </summary>
    [MarbleScenario("derived.meter-restart")]
    public static IObservable<string> MeterRestart(IMarbleContext ctx) =>
        Observable.Using(
            () => new TemporaryDirectory(),
            directory =>
            {
                var readings = Readings(ctx, "readings");
                IObservable<string> Run() => Observable.Defer(() =>
                    readings.MeterEnergy(MeterOptions(ctx), new MeterStateFiles(directory.Path, Serilog.Core.Logger.None), ctx.Scheduler)
                        .Select(DerivedLiterals.Meter));
                return Run().TakeUntil(ctx.Input("stop"))
                    .Merge(ctx.Input("restart").Take(1).SelectMany(_ => Run()));
            });

    /// <summary>When the meters save: <c>saved NAME kWh-in</c> per write; the hot input <c>stop</c> disposes the meter (a clean stop).</summary>
    [MarbleScenario("derived.meter-saves")]
    public static IObservable<string> MeterSaves(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
        {
            var store = new RecordingMeterStore((meter, totals) =>
                observer.OnNext($"saved {meter} {DerivedLiterals.Number(Math.Round(totals.EnergyChargedKwh, 6))}kWh"));
            return Readings(ctx, "readings")
                .MeterEnergy(MeterOptions(ctx), store, ctx.Scheduler)
                .TakeUntil(ctx.Input("stop"))
                .Subscribe(static _ => { }, observer.OnError);
        });

    /// <summary>
    /// The bank <c>bank</c> of <c>@packs</c> over the inputs <c>readings</c> and <c>availability</c>
    /// (<c>p1 offline</c>); <c>@stale-after</c>; each update rendered as the <c>@show</c> keys.
    /// </summary>
    [MarbleScenario("derived.bank")]
    public static IObservable<string> Bank(IMarbleContext ctx)
    {
        var show = (ctx.Meta("show") ?? "packs_online state_of_charge current").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Updates(ctx).Select(update => DerivedLiterals.Bank(update, show));
    }

    /// <summary>The bank's availability (<c>bank online</c> / <c>bank offline</c>), same inputs and keys as <c>derived.bank</c>.</summary>
    [MarbleScenario("derived.bank-availability")]
    public static IObservable<string> BankAvailability(IMarbleContext ctx) =>
        Updates(ctx).BankAvailability().Select(change => change.ToString());

    private static IObservable<BankUpdate> Updates(IMarbleContext ctx)
    {
        var packs = (ctx.Meta("packs") ?? "p1 p2").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var options = new BankOptions("bank", packs, Duration(ctx, "stale-after", TimeSpan.FromMinutes(1)), EstimateOptions.Default);
        return Readings(ctx, "readings")
            .CombineBank(ctx.Input("availability").Select(DerivedLiterals.Availability), options, ctx.Scheduler);
    }

    private static IObservable<Reading> Readings(IMarbleContext ctx, string input) =>
        ctx.Input(input).Select(literal => DerivedLiterals.Reading(literal, ctx.Scheduler.Now));

    private static MeterOptions MeterOptions(IMarbleContext ctx) =>
        new(Duration(ctx, "gap-limit", DefaultGapLimit), Streams.Derived.MeterOptions.DefaultSaveEvery);

    private static TimeSpan Duration(IMarbleContext ctx, string key, TimeSpan fallback) =>
        ctx.Meta(key) is { } text ? MarbleDuration.Parse(text) : fallback;
}
