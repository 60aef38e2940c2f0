using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FluentAssertions;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;
using Streams.Polling;
using Streams.Polling.Bus;
using Streams.Testing.Marbles;
using Streams.Tests.Support;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.Tests.Polling;

/// <summary>
/// A reply that comes after its request timed out belongs to that request: it is counted as late and
/// dropped, never taken for the answer to the next request (marbles/polling/late-reply*.marble show
/// it in a poller). Each case runs with a real framer over a <see cref="ScriptedPort"/>, with real
/// frames of tests/vectors/frames.json as the replies: the late one is the vector, the right one a
/// copy with one value changed.
/// </summary>
public sealed class LateReplyTests
{
    private const string Port = "/dev/ttyFAKE0";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Protocols => new() { "modbus", "eg4-7e", "jbd" };

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_late_reply_cut_by_the_next_request_is_flushed_not_taken(string protocol) => Run(protocol, new Steps
    {
        // The late reply arrives before the second request is written, but for its last 4 bytes.
        LateReply = [(1950, Half.Head), (2050, Half.Tail)],
        SecondRequestAt = 2000,
        SecondReplyDelay = 300,
        ExpectWritesAt = [0, 2000],
    });

    [Theory]
    [MemberData(nameof(Protocols))]
    public void The_same_request_is_held_back_until_the_late_reply_came_so_it_is_not_taken_for_its_answer(string protocol) => Run(protocol, new Steps
    {
        LateReply = [(1500, Half.Both)],
        SecondRequestAt = 1200,
        SecondReplyDelay = 500,
        ExpectWritesAt = [0, 1500],
    });

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Without_a_late_reply_the_same_request_waits_one_more_timeout_after_the_timeout(string protocol) => Run(protocol, new Steps
    {
        LateReply = [],
        SecondRequestAt = 1200,
        SecondReplyDelay = 100,
        ExpectWritesAt = [0, 2000],
    });

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_late_reply_heard_between_requests_frees_the_same_request_at_once(string protocol) => Run(protocol, new Steps
    {
        LateReply = [(1100, Half.Both)],
        SecondRequestAt = 1200,
        SecondReplyDelay = 100,
        ExpectWritesAt = [0, 1200],
    });

    [Fact]
    public void A_late_reply_heard_while_another_request_is_outstanding_counts_as_late_not_foreign()
    {
        var scheduler = new MarbleScheduler(TimeSpan.FromMilliseconds(1));
        var port = new ScriptedPort(scheduler, Port);
        var pack1 = ModbusPollRequests.Read(1, 0, 39, Port);
        var pack2 = ModbusPollRequests.Read(2, 0, 39, Port);
        var registers = new ushort[39];
        port.Respond = request => request[0] == 2 ? [new ScriptedReply(TimeSpan.FromMilliseconds(500), ModbusResponses.Registers(2, registers))] : [];
        var counters = new CorrelationCounters();
        using var bus = Connection(port, scheduler, counters, static chunks => chunks.FrameModbusRtu());
        var results = new List<string>();

        using var first = bus.Exchange(pack1, Timeout).Subscribe(_ => results.Add("p1"), e => results.Add(e.GetType().Name));
        scheduler.AdvanceToFrame(1000);
        using var second = bus.Exchange(pack2, Timeout).Subscribe(f => results.Add($"p{f.Address}"), e => results.Add(e.GetType().Name));
        scheduler.Schedule(TimeSpan.FromMilliseconds(200), () => port.Emit(ModbusResponses.Registers(1, registers)));
        scheduler.AdvanceToFrame(3000);

        results.Should().Equal(nameof(TimeoutException), "p2");
        counters.Late.Should().Be(1, "pack 1's reply came after its timeout");
        counters.Foreign.Should().Be(0);
    }

    private static void Run(string protocol, Steps steps)
    {
        switch (protocol)
        {
            case "modbus":
                Run(steps, Modbus());
                break;
            case "eg4-7e":
                Run(steps, Eg4Legacy());
                break;
            default:
                Run(steps, Jbd());
                break;
        }
    }

    private static void Run<TFrame>(Steps steps, Case<TFrame> protocol)
        where TFrame : class
    {
        var scheduler = new MarbleScheduler(TimeSpan.FromMilliseconds(1));
        var port = new ScriptedPort(scheduler, Port);
        port.Respond = _ => port.Requests.Count == 2
            ? [new ScriptedReply(TimeSpan.FromMilliseconds(steps.SecondReplyDelay), protocol.Right)]
            : [];
        var counters = new CorrelationCounters();
        using var bus = Connection(port, scheduler, counters, protocol.Framing);
        var late = protocol.Late;
        foreach (var (at, half) in steps.LateReply)
        {
            var bytes = half switch
            {
                Half.Head => late[..^TailLength],
                Half.Tail => late[^TailLength..],
                _ => late,
            };
            scheduler.Schedule(TimeSpan.FromMilliseconds(at), () => port.Emit(bytes));
        }

        Exception? firstError = null;
        TFrame? answer = null;
        Exception? secondError = null;
        using var first = bus.Exchange(protocol.Request, Timeout).Subscribe(_ => { }, e => firstError = e);
        scheduler.AdvanceToFrame(steps.SecondRequestAt);
        using var second = bus.Exchange(protocol.Request, Timeout).Subscribe(f => answer = f, e => secondError = e);
        scheduler.AdvanceToFrame(5000);

        firstError.Should().BeOfType<TimeoutException>();
        secondError.Should().BeNull();
        answer.Should().NotBeNull("the second request is answered");
        Convert.ToHexString(protocol.Bytes(answer!)).Should().Be(Convert.ToHexString(protocol.Right), "the answer is the reply to the second request, not the late one");
        port.Requests.Select(r => (r.At - MarbleScheduler.Epoch).TotalMilliseconds).Should().Equal(steps.ExpectWritesAt.Select(ms => (double)ms));
        counters.Timeouts.Should().Be(1);
        counters.Replies.Should().Be(1);
    }

    private static BusConnection<TFrame> Connection<TFrame>(
        ScriptedPort port, MarbleScheduler scheduler, CorrelationCounters counters, Func<IObservable<ReadOnlyMemory<byte>>, IObservable<TFrame>> framing)
        where TFrame : class
    {
        var spec = new BusSpec<TFrame>(Port, framing, TimeSpan.Zero, null, new PollerOptions(Serilog.Core.Logger.None), counters);
        var bus = new BusConnection<TFrame>(SerialLinks.Reconnecting(port.Open, ReconnectPolicy.Default, scheduler), spec, scheduler);
        scheduler.AdvanceToFrame(0);
        return bus;
    }

    // eg4ll-wombatt-info (gonzalop/wombatt): a 39-register reply of slave 0x02; the right answer holds another SoC.
    private static Case<ModbusFrame> Modbus()
    {
        var late = FrameVectors.Get("eg4ll-wombatt-info").Bytes;
        var registers = ModbusFrame.Parse(late).Value.GetRegisters();
        registers[24]--;
        return new(static chunks => chunks.FrameModbusRtu(), ModbusPollRequests.Read(2, 0, 39, Port), late, ModbusResponses.Registers(2, registers), static f => f.Bytes.ToArray());
    }

    // eg4lp-7e-readme (slim-bean/powermon): a general-status reply of pack 1; the right answer holds another first cell.
    private static Case<Eg4LegacyFrame> Eg4Legacy()
    {
        var late = FrameVectors.Get("eg4lp-7e-readme").Bytes;
        var right = (byte[])late.Clone();
        right[7] ^= 0x01;
        return new(static chunks => chunks.FrameEg4Legacy(), Eg4LegacyPollRequests.Command(1, Eg4LegacyCommand.GeneralStatus, Port), late, right, static f => f.Bytes.ToArray());
    }

    // jbd-03-sp04s034-a: a basic-info reply; the right answer holds another SoC (checksum recomputed).
    private static Case<JbdFrame> Jbd()
    {
        var late = FrameVectors.Get("jbd-03-sp04s034-a").Bytes;
        var right = (byte[])late.Clone();
        right[4 + 19]--;
        var checksum = JbdChecksum.Compute(right.AsSpan(2, right.Length - 5));
        right[^3] = (byte)(checksum >> 8);
        right[^2] = (byte)checksum;
        return new(static chunks => chunks.FrameJbd(), JbdPollRequests.Read(JbdRegister.BasicInfo, Port), late, right, static f => f.Bytes.ToArray());
    }

    // The tail holds no byte that could start a frame (it is the checksum and end of each frame),
    // so once flushed it is plain garbage, dropped at once.
    private const int TailLength = 4;

    private enum Half
    {
        Both,
        Head,
        Tail,
    }

    private sealed record Case<TFrame>(
        Func<IObservable<ReadOnlyMemory<byte>>, IObservable<TFrame>> Framing,
        PollRequest<TFrame> Request,
        byte[] Late,
        byte[] Right,
        Func<TFrame, byte[]> Bytes)
        where TFrame : class;

    /// <summary>The first request is written at 0 and times out at 1 s; times in ms from 0.</summary>
    private sealed record Steps
    {
        /// <summary>When the reply to the first request arrives, and which part of it.</summary>
        public required (int At, Half Part)[] LateReply { get; init; }

        public required int SecondRequestAt { get; init; }

        public required int SecondReplyDelay { get; init; }

        public required int[] ExpectWritesAt { get; init; }
    }
}
