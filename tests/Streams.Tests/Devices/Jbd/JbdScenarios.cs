using System.Reactive.Linq;
using Streams.Config.Model;
using Streams.Devices.Jbd;
using Streams.Polling;
using Streams.Testing.Marbles;
using Streams.Tests.Polling;
using Streams.Tests.Support;
using Streams.Transports.Serial;

namespace Streams.Tests.Devices.Jbd;

/// <summary>Marble scenarios of marbles/jbd: a JBD on a scripted UART answering with real frames.</summary>
internal static class JbdScenarios
{
    /// <summary>
    /// The poller against vectors jbd-03/04-sp04s034-a, jbd-05-protocol-doc and the 0xAA reply of
    /// <see cref="JbdErrorCountFrames"/> (<c>@aa refuse</c>: an error status instead). Output: <c>read AA</c>
    /// per 0xAA request, then per poll <c>ok+counts</c> when the reading carries the counters, else <c>ok</c>.
    /// </summary>
    [MarbleScenario("jbd.error-counts")]
    public static IObservable<string> ErrorCounts(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
        {
            var refuse = ctx.Meta("aa") == "refuse";
            var interval = MarbleDuration.Parse(ctx.Meta("interval") ?? "1m");
            var port = new ScriptedPort(ctx.Scheduler)
            {
                Respond = request => [new ScriptedReply(TimeSpan.Zero, Reply(request[2], refuse))],
                OnRequest = request =>
                {
                    if (request[2] == JbdRegister.ErrorCounts)
                    {
                        observer.OnNext("read AA");
                    }
                },
            };
            var source = new JbdSerialSourceConfig(port.Path, 9600, "jbd1", TimeSpan.FromSeconds(1), interval, null);
            return SerialLinks.Reconnecting(port.Open, new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)), ctx.Scheduler)
                .PollJbdSerial(source, ctx.Scheduler, new PollerOptions(Serilog.Core.Logger.None))
                .Select(poll => poll.Reading is { } reading
                    ? reading.Fields.Any(f => f.Spec == JbdFields.ErrorCounters[0]) ? "ok+counts" : "ok"
                    : $"failed {poll.Outcome.Detail}")
                .Subscribe(observer);
        });

    private static byte[] Reply(byte register, bool refuse) => register switch
    {
        JbdRegister.BasicInfo => FrameVectors.Get("jbd-03-sp04s034-a").Bytes,
        JbdRegister.CellVoltages => FrameVectors.Get("jbd-04-sp04s034-a").Bytes,
        JbdRegister.HardwareVersion => FrameVectors.Get("jbd-05-protocol-doc").Bytes,
        JbdRegister.ErrorCounts when !refuse => JbdErrorCountFrames.Ultimatron,
        _ => JbdFrames.Response(register, 0x80),
    };
}
