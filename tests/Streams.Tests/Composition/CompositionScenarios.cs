using System.Globalization;
using System.Reactive.Linq;
using Streams.Composition;
using Streams.Core;
using Streams.Testing.Marbles;

namespace Streams.Tests.Composition;

internal static class CompositionScenarios
{
    private static readonly DeviceInfo Pack = new("pack01", "test", "Test", "Pack");

    /// <summary>Input <c>polls</c>: one poll per value. Output: <c>r</c> when the release runs.</summary>
    [MarbleScenario("composition.heap-release")]
    public static IObservable<string> PeriodicRelease(IMarbleContext ctx) => Observable.Create<string>(observer =>
    {
        var packs = int.Parse(ctx.Meta("packs") ?? throw new InvalidOperationException("@packs is required"), CultureInfo.InvariantCulture);
        var polls = ctx.Input("polls").Select(_ => PackPoll.Failure(Pack, PollOutcome.Failure("Timeout", "no reply"), ctx.Scheduler.Now));
        return HeapRelease.Regularly(polls, packs, ctx.Scheduler, () => observer.OnNext("r"))
            .Subscribe(_ => { }, observer.OnError, observer.OnCompleted);
    });
}
