using System.Globalization;
using System.Reactive.Linq;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Polling;
using Streams.Testing.Marbles;
using Streams.Tests.Polling;
using Streams.Tests.Transports.Serial;
using Streams.Transports.Serial;
using Streams.Transports.Tcp;

namespace Streams.Tests.Transports.Tcp;

/// <summary>
/// A TCP converter behind marbles/tcp/*.marble: <see cref="ScriptedConverter"/>, driven by the hot
/// input <c>converter</c> (<c>up</c>, <c>restart</c>, <c>dead</c>, <c>cut</c>), under the product's
/// reconnect loop and EG4-LL poller. Keys: <c>@initial</c>, <c>@max</c> (reconnect backoff),
/// <c>@keepalive</c> (<c>idle interval probes</c>, default 10s 5s 3), <c>@framing</c> (<c>rtu</c>,
/// the default, or <c>modbus-tcp</c>), and for polling <c>@packs</c>, <c>@replies</c>,
/// <c>@interval</c>, <c>@timeout</c> as in <see cref="PollingScenarios"/>.
/// </summary>
public static class TcpScenarios
{
    /// <summary>Every status of the reconnecting link, with the reason of each loss.</summary>
    [MarbleScenario("tcp.link-status")]
    public static IObservable<string> LinkStatuses(IMarbleContext ctx) =>
        Converted(ctx, static _ => [], (converter, policy) =>
            SerialLinks.Reconnecting(converter.Open, policy, ctx.Scheduler).Select(SerialScenarios.Render));

    /// <summary>An EG4-LL bus through the converter: its polls, rendered as in <see cref="PollingScenarios"/>.</summary>
    [MarbleScenario("tcp.polling")]
    public static IObservable<string> Polling(IMarbleContext ctx)
    {
        var script = ModbusPackScript.Parse(ctx.Meta("replies") ?? throw new InvalidOperationException("@replies missing"), MarbleDuration.Parse);
        var framing = ctx.Meta("framing") ?? "rtu";
        var protocol = framing switch
        {
            "rtu" => ModbusProtocol.Rtu,
            "modbus-tcp" => ModbusProtocol.ModbusTcp,
            _ => throw new InvalidOperationException($"@framing is rtu or modbus-tcp, not '{framing}'"),
        };
        Func<byte[], IEnumerable<ScriptedReply>> respond = framing == "rtu" ? script.Respond : ModbusTcpGatewayScript.InFrontOf(script.Respond);
        var packs = (ctx.Meta("packs") ?? "1").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => new PackConfig("p" + a, int.Parse(a, CultureInfo.InvariantCulture)))
            .ToArray();
        var source = new Eg4ModbusSourceConfig(
            ScriptedConverter.Endpoint.ToString(),
            9600,
            Duration(ctx, "timeout", "1s"),
            Duration(ctx, "interval", "10s"),
            Eg4LlRegisterMap.StatusCount,
            TimeSpan.Zero,
            null,
            packs)
        {
            Protocol = protocol,
        };
        // Through the registry, as the bridge builds it: the tcp:// port picks the converter's opener.
        return Converted(ctx, respond, (converter, policy) =>
            SourceKinds.For(source)
                .Polls(source, new SourceContext(ctx.Scheduler, Serilog.Core.Logger.None, HealthConfig.Default)
                {
                    Connect = _ => converter.Open(),
                    Open = settings => throw new InvalidOperationException($"{settings.Path} is no serial port"),
                    Reconnect = policy,
                })
                .Select(PollingScenarios.Render));
    }

    private static IObservable<string> Converted(
        IMarbleContext ctx,
        Func<byte[], IEnumerable<ScriptedReply>> respond,
        Func<ScriptedConverter, ReconnectPolicy, IObservable<string>> run)
    {
        var states = ctx.Input("converter");
        var policy = new ReconnectPolicy(Duration(ctx, "initial", "1s"), Duration(ctx, "max", "30s"));
        return Observable.Defer(() =>
        {
            var converter = new ScriptedConverter(ctx.Scheduler, KeepAlive(ctx), respond);
            return Observable.Using(() => states.Subscribe(converter.Set), _ => run(converter, policy));
        });
    }

    private static TcpKeepAlive KeepAlive(IMarbleContext ctx)
    {
        if (ctx.Meta("keepalive") is not { } text)
        {
            return TcpKeepAlive.Default;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new TcpKeepAlive(MarbleDuration.Parse(parts[0]), MarbleDuration.Parse(parts[1]), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static TimeSpan Duration(IMarbleContext ctx, string key, string fallback) => MarbleDuration.Parse(ctx.Meta(key) ?? fallback);
}
