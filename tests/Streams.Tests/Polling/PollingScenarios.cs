using System.Globalization;
using System.Reactive.Linq;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Health;
using Streams.Polling;
using Streams.Testing.Marbles;
using Streams.Tests.Support;
using Streams.Transports.Serial;

namespace Streams.Tests.Polling;

/// <summary>
/// The pollers behind marbles/polling/*.marble, against <see cref="ScriptedPort"/>s answering in virtual
/// time. Bus settings come from the file: <c>@packs 1 2</c> (pack NAME = p + address), <c>@replies</c>
/// (see <see cref="ModbusPackScript.Parse"/>), <c>@interval</c>, <c>@timeout</c>, <c>@gap</c> (default 0).
/// A poll renders as <c>p1 ok</c>, <c>p1 timeout</c>, or <c>p1 </c> + the failure's detail.
/// </summary>
internal static class PollingScenarios
{
    /// <summary>One EG4 Modbus source: its polls.</summary>
    [MarbleScenario("polling.eg4-modbus")]
    public static IObservable<string> Eg4Modbus(IMarbleContext ctx) =>
        Observable.Defer(() => Source(ctx, "/dev/ttyFAKE0", "replies", "p", out _)).Select(Render);

    /// <summary>One EG4 Modbus source: the requests it writes, <c>r1</c> (status of 0x01) or <c>i1</c> (identity).</summary>
    [MarbleScenario("polling.requests")]
    public static IObservable<string> Requests(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
        {
            var polls = Source(ctx, "/dev/ttyFAKE0", "replies", "p", out var port);
            port.OnRequest = request => observer.OnNext(RenderRequest(request));
            return polls.Subscribe(static _ => { }, observer.OnError, observer.OnCompleted);
        });

    /// <summary>Two sources on two ports, merged: <c>@replies-a</c> (packs named a1…) and <c>@replies-b</c> (b1…).</summary>
    [MarbleScenario("polling.two-ports")]
    public static IObservable<string> TwoPorts(IMarbleContext ctx) =>
        Observable.Defer(() => Source(ctx, "/dev/ttyA", "replies-a", "a", out _)
                .Merge(Source(ctx, "/dev/ttyB", "replies-b", "b", out _)))
            .Select(Render);

    /// <summary>One source whose device the hot input <c>device</c> unplugs (<c>unplugged</c>) and plugs (<c>plugged</c>); reopen policy <c>@initial</c>, <c>@max</c>.</summary>
    [MarbleScenario("polling.disconnect")]
    public static IObservable<string> Disconnect(IMarbleContext ctx)
    {
        var plugs = ctx.Input("device");
        return Observable.Defer(() =>
        {
            var polls = Source(ctx, "/dev/ttyFAKE0", "replies", "p", out var port);
            return Observable.Using(
                () => plugs.Subscribe(state =>
                {
                    switch (state)
                    {
                        case "plugged":
                            port.Plugged = true;
                            break;
                        case "unplugged":
                            port.Unplug();
                            break;
                        default:
                            throw new InvalidOperationException($"device input values are 'plugged' or 'unplugged', not '{state}'");
                    }
                }),
                _ => polls);
        }).Select(Render);
    }

    /// <summary>Availability of one pack from the input <c>polls</c> (<c>ok</c> or <c>fail</c>); <c>@offline-after</c>.</summary>
    [MarbleScenario("polling.availability")]
    public static IObservable<string> AvailabilityChanges(IMarbleContext ctx)
    {
        var device = new DeviceInfo("p1", Eg4LlDevice.Protocol, "EG4 Electronics", "test");
        var offlineAfter = int.Parse(ctx.Meta("offline-after") ?? "3", CultureInfo.InvariantCulture);
        return ctx.Input("polls")
            .Select(literal => literal == "ok"
                ? PackPoll.Success(new Reading(device, ctx.Scheduler.Now, []))
                : PackPoll.Failure(device, PollOutcome.Failure("Timeout", "no reply"), ctx.Scheduler.Now))
            .TrackAvailability(offlineAfter)
            .Select(change => change.ToString());
    }

    /// <summary>The cadence operator alone: the cold input <c>cycle</c> repeated every <c>@interval</c>.</summary>
    [MarbleScenario("polling.repeat-every")]
    public static IObservable<string> RepeatEvery(IMarbleContext ctx) =>
        ctx.Input("cycle").RepeatEvery(Duration(ctx, "interval", null), ctx.Scheduler);

    private static IObservable<PackPoll> Source(IMarbleContext ctx, string path, string repliesKey, string prefix, out ScriptedPort port)
    {
        var script = ModbusPackScript.Parse(ctx.Meta(repliesKey) ?? throw new InvalidOperationException($"@{repliesKey} missing"), MarbleDuration.Parse);
        var packs = (ctx.Meta("packs") ?? "1").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => new PackConfig(prefix + a, int.Parse(a, CultureInfo.InvariantCulture)))
            .ToArray();
        var config = new Eg4ModbusSourceConfig(
            path,
            9600,
            Duration(ctx, "timeout", "1s"),
            Duration(ctx, "interval", "10s"),
            Eg4LlRegisterMap.StatusCount,
            Duration(ctx, "gap", "0ms"),
            null,
            packs);
        var policy = new ReconnectPolicy(Duration(ctx, "initial", "1s"), Duration(ctx, "max", "30s"));
        var scripted = new ScriptedPort(ctx.Scheduler, path) { Respond = script.Respond };
        port = scripted;
        return SerialLinks.Reconnecting(scripted.Open, policy, ctx.Scheduler)
            .PollEg4Modbus(config, ctx.Scheduler, new PollerOptions(Serilog.Core.Logger.None));
    }

    private static TimeSpan Duration(IMarbleContext ctx, string key, string? fallback) =>
        MarbleDuration.Parse(ctx.Meta(key) ?? fallback ?? throw new InvalidOperationException($"@{key} missing"));

    internal static string Render(PackPoll poll) => poll.Outcome switch
    {
        { Succeeded: true } => $"{poll.Device.Name} ok",
        { Category: { } category } when category.StartsWith(nameof(TimeoutException), StringComparison.Ordinal) => $"{poll.Device.Name} timeout",
        var failed => $"{poll.Device.Name} {failed.Detail}",
    };

    private static string RenderRequest(byte[] request)
    {
        var query = ModbusFrame.Parse(request).Value;
        return $"{(query.StartRegister == 0 ? "r" : "i")}{query.Address}";
    }
}
