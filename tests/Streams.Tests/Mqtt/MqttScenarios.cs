using System.Globalization;
using System.Reactive.Linq;
using Streams.Mqtt;
using Streams.Mqtt.Packets;
using Streams.Testing.Marbles;

namespace Streams.Tests.Mqtt;

/// <summary>
/// Code behind marbles/mqtt/*.marble: the reconnect loop (<see cref="MqttReconnect.Supervise"/>)
/// driven by a cold <c>attempt</c> diagram that every connection attempt subscribes anew.
/// Attempt values: <c>connected</c> (CONNACK 0), <c>refused N</c> (CONNACK N), anything else or
/// '#' = the connection failed or was lost with that text. Policy from <c>@initial @max
/// @multiplier @jitter @stable @refused</c>; <c>@sample</c> is the fixed jitter sample.
/// </summary>
internal static class MqttScenarios
{
    [MarbleScenario("mqtt.reconnect-backoff")]
    public static IObservable<string> ReconnectBackoff(IMarbleContext ctx)
    {
        var policy = new MqttReconnectPolicy
        {
            InitialDelay = Duration(ctx, "initial", "1s"),
            MaxDelay = Duration(ctx, "max", "60s"),
            Multiplier = Number(ctx, "multiplier", "2"),
            Jitter = Number(ctx, "jitter", "0"),
            StableAfter = Duration(ctx, "stable", "30s"),
            RefusedRetryDelay = Duration(ctx, "refused", "60s"),
        };
        var sample = Number(ctx, "sample", "0");
        return MqttReconnect
            .Supervise(() => ctx.Input("attempt").SelectMany(ToAttemptEvent), policy, ctx.Scheduler, () => sample)
            .Select(Render);
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

    private static double Number(IMarbleContext ctx, string key, string fallback) =>
        double.Parse(ctx.Meta(key) ?? fallback, CultureInfo.InvariantCulture);
}
