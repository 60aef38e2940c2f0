using System.Reactive.Linq;
using System.Reactive.Subjects;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.Polling;
using Streams.Transports.Bluetooth;
using Streams.Testing.Marbles;

namespace Streams.Tests.Transports.Bluetooth;

/// <summary>
/// The JBD BLE poller behind marbles/ble/*.marble, over a <see cref="ScriptedBleLink"/> in virtual time.
/// Settings from the file: <c>@connect</c>, <c>@reply</c>, <c>@interval</c>, <c>@timeout</c>, <c>@settle</c>.
/// The hot input <c>bms</c> acts on the link: <c>drop</c> (link lost), <c>silent</c> (writes unanswered),
/// <c>answer</c> (answers again), <c>charge-off</c> (a MOSFET command: charge off, discharge unchanged).
/// Output: <c>connect</c>, <c>disconnect</c>, <c>write E1</c> (a MOSFET command reached the BMS) and each poll
/// (<c>p ok</c>, <c>p timeout</c>, <c>p link lost</c>, or <c>p </c> + the failure).
/// </summary>
internal static class BleScenarios
{
    [MarbleScenario("ble.jbd")]
    public static IObservable<string> Jbd(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
        {
            var link = new ScriptedBleLink(ctx.Scheduler, new ScriptedJbdBms())
            {
                ConnectDelay = Duration(ctx, "connect", "200ms"),
                ReplyDelay = Duration(ctx, "reply", "100ms"),
                OnEvent = e =>
                {
                    if (!e.StartsWith("write ", StringComparison.Ordinal))
                    {
                        observer.OnNext(e);
                    }
                    else if (e.StartsWith("write DD5AE1", StringComparison.Ordinal))
                    {
                        observer.OnNext("write E1");
                    }
                },
            };
            var options = new JbdBleOptions("p", link.Address, null, AllowControl: true, Duration(ctx, "timeout", "500ms"), Duration(ctx, "interval", "1s"))
            {
                NotifySettle = Duration(ctx, "settle", "100ms"),
            };
            var commands = new Subject<SwitchCommand>();
            var actions = ctx.Input("bms").Subscribe(action =>
            {
                switch (action)
                {
                    case "drop":
                        link.Drop();
                        break;
                    case "silent":
                        link.Silent = true;
                        break;
                    case "answer":
                        link.Silent = false;
                        break;
                    case "charge-off":
                        commands.OnNext(new SwitchCommand("p", "charge_mosfet", false));
                        break;
                    default:
                        throw new InvalidOperationException($"bms input values are drop, silent, answer or charge-off, not '{action}'");
                }
            });
            var polls = JbdBlePoller.Polls(link, options, commands, ctx.Scheduler, new PollerOptions(Serilog.Core.Logger.None)).Select(Render).Subscribe(observer);
            return () =>
            {
                polls.Dispose();
                actions.Dispose();
            };
        });

    internal static string Render(PackPoll poll) => poll.Outcome switch
    {
        { Succeeded: true } => $"{poll.Device.Name} ok",
        { Category: { } category } when category.StartsWith(nameof(TimeoutException), StringComparison.Ordinal) => $"{poll.Device.Name} timeout",
        { Category: { } category } when category.StartsWith(nameof(BleLinkLostException), StringComparison.Ordinal) => $"{poll.Device.Name} link lost",
        var failed => $"{poll.Device.Name} {failed.Detail}",
    };

    private static TimeSpan Duration(IMarbleContext ctx, string key, string fallback) => MarbleDuration.Parse(ctx.Meta(key) ?? fallback);
}
