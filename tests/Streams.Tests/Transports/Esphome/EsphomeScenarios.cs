using System.Reactive.Linq;
using Streams.Devices.Jbd.Ble;
using Streams.Transports.Bluetooth;
using Streams.Transports.Serial;
using Streams.Testing.Marbles;
using Streams.Transports.Esphome;

namespace Streams.Tests.Transports.Esphome;

/// <summary>
/// The ESPHome proxy link behind marbles/esphome/*.marble, over a <see cref="ScriptedEsphomeProxy"/>
/// in virtual time. See marbles/esphome/README.md for the keys and the input actions.
/// </summary>
public static class EsphomeScenarios
{
    private static readonly string[] Macs = ["A4:C1:37:00:00:0A", "A4:C1:37:00:00:0B"];

    [MarbleScenario("esphome.link")]
    public static IObservable<string> Link(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
        {
            var count = int.Parse(ctx.Meta("links") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
            var proxy = new ScriptedEsphomeProxy(ctx.Scheduler, Macs[..count])
            {
                OnEvent = observer.OnNext,
                Slots = uint.Parse(ctx.Meta("slots") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
            };
            var options = new EsphomeProxyOptions(Serilog.Core.Logger.None)
            {
                SetupTimeout = Duration(ctx, "setup", "2s"),
                KeepAliveInterval = Duration(ctx, "keepalive", "3s"),
                DeadAfter = Duration(ctx, "dead", "8s"),
                Reconnect = new ReconnectPolicy(Duration(ctx, "initial", "1s"), Duration(ctx, "max", "60s")),
            };
            var esphome = new EsphomeProxy(proxy, new EsphomeEndpoint("scripted"), options, ctx.Scheduler);
            var linkOptions = new EsphomeBleLinkOptions { ProxyTimeout = Duration(ctx, "proxy-timeout", "10s") };
            var links = Macs[..count].Select(mac => new EsphomeBleLink(esphome, mac, JbdGattProfile.Profile, linkOptions)).ToArray();
            var retry = Duration(ctx, "retry", "2s");
            var actions = ctx.Input("proxy").Subscribe(action => Act(proxy, action));
            var kept = links.Select((link, i) => Keep(link, i == 0 ? "a" : "b", retry, ctx)).Merge().Subscribe(observer);
            return () =>
            {
                kept.Dispose();
                actions.Dispose();
                foreach (var link in links)
                {
                    link.Dispose();
                }
            };
        });

    [MarbleScenario("esphome.keepalive")]
    public static IObservable<string> KeepAlive(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
            ctx.Input("inbound")
                .KeepAlive(() => observer.OnNext("ping"), Duration(ctx, "interval", "3s"), Duration(ctx, "dead", "8s"), ctx.Scheduler)
                .Subscribe(observer));

    /// <summary>What a poller does with a link: connect, use it until it ends, disconnect, retry after <paramref name="retry"/>.</summary>
    private static IObservable<string> Keep(IBleLink link, string tag, TimeSpan retry, IMarbleContext ctx) =>
        Observable.Defer(() => link.Connect().Take(1))
            .SelectMany(connection => Observable.Return($"{tag} up")
                .Concat(connection.Notifications.IgnoreElements().Select(_ => string.Empty).Catch((Exception error) => Observable.Return($"{tag} {Kind(error)}")))
                .Concat(connection.Disconnect().IgnoreElements().Select(_ => string.Empty)))
            .Catch((Exception error) => Observable.Return($"{tag} {Kind(error)}"))
            .Concat(Observable.Timer(retry, ctx.Scheduler).IgnoreElements().Select(_ => string.Empty))
            .Repeat();

    private static string Kind(Exception error) => error switch
    {
        BleLinkLostException => "lost",
        BleProxyFullException => "full",
        BleUnavailableException => "unavailable",
        EsphomeApiException => "api down",
        _ => error.GetType().Name,
    };

    private static void Act(ScriptedEsphomeProxy proxy, string action)
    {
        var parts = action.Split(' ');
        switch (parts[0])
        {
            case "reboot":
                proxy.Reboot(MarbleDuration.Parse(parts[1]));
                break;
            case "silent":
                proxy.Silent = true;
                break;
            case "answer":
                proxy.Silent = false;
                break;
            case "drop":
                proxy.Drop(Macs[parts[1] == "b" ? 1 : 0]);
                break;
            case "out":
                proxy.OutOfRange(Macs[0]);
                break;
            case "in":
                proxy.InRange(Macs[0]);
                break;
            case "slots":
                proxy.SetSlots(uint.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"proxy input values are reboot D, silent, answer, drop a|b, out, in or slots N, not '{action}'");
        }
    }

    private static TimeSpan Duration(IMarbleContext ctx, string key, string fallback) => MarbleDuration.Parse(ctx.Meta(key) ?? fallback);
}
