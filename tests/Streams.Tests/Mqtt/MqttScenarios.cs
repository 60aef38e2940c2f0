using System.Globalization;
using System.Reactive;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.Mqtt;
using Streams.Testing.Marbles;

namespace Streams.Tests.Mqtt;

/// <summary>
/// Code behind marbles/mqtt/*.marble: the reconnect loop (<see cref="MqttReconnect.Supervise"/>)
/// driven by a cold <c>attempt</c> diagram that every connection attempt subscribes anew.
/// Attempt values: <c>connected</c> (CONNACK 0), <c>refused N</c> (CONNACK N), anything else or
/// '#' = the connection failed or was lost with that text. Policy from <c>@initial @max
/// @multiplier @jitter @stable @refused</c> (defaults: the shipped <see cref="MqttReconnectPolicy"/>);
/// <c>@sample</c> is the fixed jitter sample.
/// </summary>
internal static class MqttScenarios
{
    [MarbleScenario("mqtt.reconnect-backoff")]
    public static IObservable<string> ReconnectBackoff(IMarbleContext ctx)
    {
        var sample = Number(ctx, "sample", "0");
        return MqttReconnect
            .Supervise(() => ctx.Input("attempt").SelectMany(ToAttemptEvent), Policy(ctx), ctx.Scheduler, () => sample)
            .Select(Render);
    }

    /// <summary>
    /// The reconnect loop against a broker that comes and goes: the hot <c>broker</c> diagram says
    /// when it is <c>up</c> or <c>down</c>. An attempt gets its answer one frame after it starts
    /// (connected when the broker is up then, "connection refused" when it is down), and an accepted
    /// connection is lost when the broker goes down.
    /// </summary>
    [MarbleScenario("mqtt.reconnect-broker")]
    public static IObservable<string> ReconnectToABrokerThatComesAndGoes(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
        {
            var broker = ctx.Input("broker").Replay(1);
            IObservable<MqttConnectionState.Connected> Attempt() =>
                Observable.Timer(ctx.Frame, ctx.Scheduler)
                    .SelectMany(_ => broker.Take(1))
                    .SelectMany(state => state == "up"
                        ? Observable.Return(new MqttConnectionState.Connected(SessionPresent: false))
                            .Concat(broker.FirstAsync(s => s == "down").SelectMany(_ => Observable.Throw<MqttConnectionState.Connected>(new IOException("broker went away"))))
                        : Observable.Throw<MqttConnectionState.Connected>(new IOException("connection refused")));
            var sample = Number(ctx, "sample", "0");
            var run = MqttReconnect.Supervise(Attempt, Policy(ctx), ctx.Scheduler, () => sample).Select(Render).Subscribe(observer);
            return new CompositeDisposable(broker.Connect(), run);
        });

    /// <summary>
    /// <see cref="MqttDeadLink.Watch"/> with pings every <c>@interval</c>, each given <c>@timeout</c>.
    /// The hot <c>broker</c> diagram says whether it answers (<c>up</c>: at once) or is <c>frozen</c> (never).
    /// </summary>
    [MarbleScenario("mqtt.dead-link")]
    public static IObservable<string> DeadLink(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
        {
            var broker = ctx.Input("broker").Replay(1);
            IObservable<Unit> Ping() => broker.Take(1).SelectMany(state => state == "up" ? Observable.Return(Unit.Default) : Observable.Never<Unit>());
            var run = MqttDeadLink.Watch(Ping, Duration(ctx, "interval", "10s"), Duration(ctx, "timeout", "10s"), ctx.Scheduler)
                .Select(reason => reason.Message)
                .Subscribe(observer);
            return new CompositeDisposable(broker.Connect(), run);
        });

    private static MqttReconnectPolicy Policy(IMarbleContext ctx)
    {
        var shipped = new MqttReconnectPolicy();
        return new MqttReconnectPolicy
        {
            InitialDelay = Duration(ctx, "initial", shipped.InitialDelay),
            MaxDelay = Duration(ctx, "max", shipped.MaxDelay),
            Multiplier = Number(ctx, "multiplier", shipped.Multiplier.ToString(CultureInfo.InvariantCulture)),
            Jitter = Number(ctx, "jitter", "0"),
            StableAfter = Duration(ctx, "stable", shipped.StableAfter),
            RefusedRetryDelay = Duration(ctx, "refused", shipped.RefusedRetryDelay),
        };
    }

    private static IObservable<MqttConnectionState.Connected> ToAttemptEvent(string value)
    {
        if (value == "connected")
        {
            return Observable.Return(new MqttConnectionState.Connected(SessionPresent: false));
        }

        if (value.StartsWith("refused ", StringComparison.Ordinal))
        {
            var code = (MqttConnectReturnCode)byte.Parse(value["refused ".Length..], CultureInfo.InvariantCulture);
            return Observable.Throw<MqttConnectionState.Connected>(new MqttConnectionRefusedException(code));
        }

        return Observable.Throw<MqttConnectionState.Connected>(new IOException(value));
    }

    private static string Render(MqttConnectionState state) => state switch
    {
        MqttConnectionState.Connecting => "connecting",
        MqttConnectionState.Connected => "connected",
        MqttConnectionState.Disconnected d => $"lost, retry in {Seconds(d.RetryIn)}",
        MqttConnectionState.Refused r => $"refused {(int)r.Code}, retry in {Seconds(r.RetryIn)}",
        _ => state.ToString(),
    };

    private static string Seconds(TimeSpan delay) => $"{delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static TimeSpan Duration(IMarbleContext ctx, string key, string fallback) => MarbleDuration.Parse(ctx.Meta(key) ?? fallback);

    private static TimeSpan Duration(IMarbleContext ctx, string key, TimeSpan fallback) => ctx.Meta(key) is { } text ? MarbleDuration.Parse(text) : fallback;

    private static double Number(IMarbleContext ctx, string key, string fallback) =>
        double.Parse(ctx.Meta(key) ?? fallback, CultureInfo.InvariantCulture);
}
