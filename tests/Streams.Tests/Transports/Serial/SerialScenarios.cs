using System.Reactive.Linq;
using Streams.Testing.Marbles;
using Streams.Transports.Serial;

namespace Streams.Tests.Transports.Serial;

/// <summary>
/// <see cref="SerialLinks.Reconnecting"/> behind marbles/serial/*.marble. The hot input <c>device</c>
/// plugs (<c>plugged</c>) and unplugs (<c>unplugged</c>) a fake device; it starts unplugged. Policy
/// from <c>@initial</c>, <c>@max</c>, <c>@multiplier</c> (default: <see cref="ReconnectPolicy.Default"/>).
/// A plug event at the frame of an open attempt is seen by that attempt (inputs are armed before
/// the operator schedules its work).
/// </summary>
internal static class SerialScenarios
{
    /// <summary>When the link is (re)opened and how long it waits in between: RetryIn and Connected only.</summary>
    [MarbleScenario("serial.reopen-backoff")]
    public static IObservable<string> ReopenBackoff(IMarbleContext ctx) =>
        Statuses(ctx).Where(status => status is not LinkStatus.Disconnected).Select(Render);

    /// <summary>Every status, with the reason of each disconnection.</summary>
    [MarbleScenario("serial.link-status")]
    public static IObservable<string> LinkStatuses(IMarbleContext ctx) => Statuses(ctx).Select(Render);

    private static IObservable<LinkStatus> Statuses(IMarbleContext ctx)
    {
        var policy = Policy(ctx);
        var plugs = ctx.Input("device");
        return Observable.Defer(() =>
        {
            var device = new FakeSerialDevice(ctx.Scheduler, ctx.Scheduler.Now);
            return Observable.Using(
                () => plugs.Subscribe(state =>
                {
                    switch (state)
                    {
                        case "plugged":
                            device.Plugged = true;
                            break;
                        case "unplugged":
                            device.Unplug();
                            break;
                        default:
                            throw new InvalidOperationException($"device input values are 'plugged' or 'unplugged', not '{state}'");
                    }
                }),
                _ => SerialLinks.Reconnecting(device.Open, policy, ctx.Scheduler));
        });
    }

    private static ReconnectPolicy Policy(IMarbleContext ctx)
    {
        var initial = ctx.Meta("initial") is { } i ? MarbleDuration.Parse(i) : ReconnectPolicy.Default.InitialDelay;
        var max = ctx.Meta("max") is { } m ? MarbleDuration.Parse(m) : ReconnectPolicy.Default.MaxDelay;
        var multiplier = ctx.Meta("multiplier") is { } x
            ? double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)
            : ReconnectPolicy.Default.Multiplier;
        return new ReconnectPolicy(initial, max, multiplier);
    }

    private static string Render(LinkStatus status) => status switch
    {
        LinkStatus.Connected => "connected",
        LinkStatus.RetryIn retry => $"retry {MarbleDuration.Format(retry.Delay)}",
        LinkStatus.Disconnected lost => $"disconnected: {lost.Reason.Message}",
        _ => throw new InvalidOperationException($"unknown status {status}"),
    };
}
