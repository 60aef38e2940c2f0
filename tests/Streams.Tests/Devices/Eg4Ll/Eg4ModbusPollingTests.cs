using FluentAssertions;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Tests.Polling;
using Streams.Tests.Support;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.Tests.Devices.Eg4Ll;

public class Eg4ModbusPollingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static Eg4ModbusSourceConfig Source(int registerCount = 39, params PackConfig[] packs) =>
        new("/dev/ttyFAKE0", 9600, Timeout, Interval, registerCount, TimeSpan.FromMilliseconds(5), null,
            packs.Length == 0 ? [new PackConfig("pack1", 1)] : packs);

    private static byte Address(byte[] request) => request[0];

    private static ushort Start(byte[] request) => (ushort)((request[2] << 8) | request[3]);

    private static ushort Count(byte[] request) => (ushort)((request[4] << 8) | request[5]);

    [Fact]
    public void A_real_LifePower4_reply_becomes_a_reading_with_the_identity_read_after_it()
    {
        // Vector eg4ll-wombatt-info (gonzalop/wombatt bms_test.go): a 39-register reply of slave 0x02.
        var vector = FrameVectors.Get("eg4ll-wombatt-info");
        using var run = new PollRun();
        run.Port.Respond = request => Start(request) == 0
            ? [new ScriptedReply(TimeSpan.FromMilliseconds(40), vector.Bytes)]
            : [new ScriptedReply(TimeSpan.FromMilliseconds(30),
                ModbusResponses.Registers(2, Eg4LlRegisterEncoder.EncodeIdentity(SamplePacks.Identity)))];

        run.Start(run.Link().PollEg4Modbus(Source(39, new PackConfig("rack2", 2)), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromMilliseconds(100));

        var poll = run.Polls.Should().ContainSingle().Subject;
        poll.Outcome.Succeeded.Should().BeTrue();
        poll.Device.Should().Be(new DeviceInfo("rack2", Eg4LlDevice.Protocol, "EG4 Electronics", "LFP-51.2V100Ah", "Z02T04", "SN0123456789"));
        var reading = poll.Reading!;
        reading.Device.Should().Be(poll.Device);
        PollRun.Number(reading, CommonFields.PackVoltage).Should().Be(vector.Number("pack_voltage_v"));
        PollRun.Number(reading, Eg4LlFields.StateOfCharge).Should().Be(vector.Integer("soc_pct"));
        PollRun.Number(reading, CommonFields.Cells[0]).Should().Be(vector.Numbers("cell_voltages_v")[0]);
        poll.At.Should().Be(MarbleTime(40 + 5 + 30), "the identity read follows the status read after the 5 ms gap");
        run.Port.Requests.Select(r => r.Bytes).Should().BeEquivalentTo(
            [ModbusReadRequest.Create(2, 0, 39), ModbusReadRequest.Create(2, 105, 23)],
            options => options.WithStrictOrdering());
        run.LogLines.Should().Contain("pack rack2: model LFP-51.2V100Ah, firmware Z02T04, serial SN0123456789");
    }

    [Fact]
    public void A_master_at_address_1_is_read_for_the_rest_of_its_bank_block_and_its_cells_and_yields_the_banks_reading()
    {
        // Vector eg4-bus-resp-6500ex (gonzalop/wombatt rtu_test.go) holds 19..34 of a real master; 0..18 read as zeros.
        var bank = ModbusFrame.Parse(FrameVectors.Get("eg4-bus-resp-6500ex").Bytes).Value.GetRegisters();
        var map = new ushort[Eg4LlMasterMap.TableLength];
        bank.CopyTo(map, Eg4LlMasterMap.BankStart);
        (map[37], map[38], map[39], map[40], map[41]) = (3340, 3320, 5, 0, 16);
        Enumerable.Range(0, 16).ToList().ForEach(i => map[113 + i] = (ushort)(3320 + i));
        using var run = new PollRun();
        run.Port.Respond = request => [new ScriptedReply(TimeSpan.FromMilliseconds(10), ModbusResponses.Registers(1, map.AsSpan(Start(request), Count(request)).ToArray()))];

        run.Start(run.Link().PollEg4Modbus(Source(), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromMilliseconds(100));

        var poll = run.Polls.Should().ContainSingle().Subject;
        poll.Outcome.Succeeded.Should().BeTrue();
        poll.Device.Should().Be(Eg4LlDevice.Master("pack1"));
        var reading = poll.Reading!;
        PollRun.Number(reading, Eg4LlMasterFields.StateOfCharge).Should().Be(99);
        PollRun.Number(reading, Eg4LlMasterFields.Current).Should().Be(-2.4);
        PollRun.Number(reading, Eg4LlMasterFields.CellCount).Should().Be(16);
        PollRun.Number(reading, Eg4LlMasterFields.HighestCell).Should().Be(6);
        PollRun.Number(reading, Eg4LlMasterFields.Cells[15]).Should().Be(3.335);
        run.Port.Requests.Select(r => r.Bytes).Should().BeEquivalentTo(
            [ModbusReadRequest.Create(1, 0, 39), ModbusReadRequest.Create(1, 39, 3), ModbusReadRequest.Create(1, 113, 16)],
            options => options.WithStrictOrdering(), "no identity read: the master map has none");
    }

    [Fact]
    public void A_master_that_ignores_the_extra_reads_still_yields_what_its_status_read_held()
    {
        var masterMap = new ushort[47];
        (masterMap[19], masterMap[21], masterMap[22], masterMap[23]) = (0x67, 99, 5331, 0xFF10);
        using var run = new PollRun();
        run.Port.Respond = request => Start(request) == 0 ? [new ScriptedReply(TimeSpan.Zero, ModbusResponses.Registers(Address(request), masterMap))] : [];

        run.Start(run.Link().PollEg4Modbus(Source(47), run.Scheduler, run.Options));
        run.Advance(Timeout * 2);

        var poll = run.Polls.Should().ContainSingle().Subject;
        poll.Outcome.Succeeded.Should().BeTrue();
        PollRun.Number(poll.Reading!, Eg4LlMasterFields.PackVoltage).Should().Be(53.31);
        poll.Reading!.Fields.Should().NotContain(f => f.Spec.Key == "cell_01_voltage", "never zero-volt cells");
        run.Port.Requests.Should().HaveCount(2, "47 registers reach 41: only the cells are asked for");
    }

    [Fact]
    public void A_Modbus_exception_reply_is_a_device_error()
    {
        using var run = new PollRun();
        run.Port.Respond = request => [new ScriptedReply(TimeSpan.Zero, ModbusResponses.Exception(Address(request), 2))];

        run.Start(run.Link().PollEg4Modbus(Source(), run.Scheduler, run.Options));

        var poll = run.Polls.Should().ContainSingle().Subject;
        poll.Outcome.Category.Should().Be("DeviceError");
        poll.Outcome.Detail.Should().Be("pack 0x01 answered with Modbus exception 2 (illegal data address)");
    }

    [Fact]
    public void A_failed_identity_read_is_not_fatal_and_is_not_retried_on_the_same_connection()
    {
        using var run = new PollRun();
        var script = new ModbusPackScript().Pack(1, TimeSpan.FromMilliseconds(10));
        run.Port.Respond = request => Start(request) == 0
            ? script.Respond(request)
            : [new ScriptedReply(TimeSpan.Zero, ModbusResponses.Exception(1, 2, 0x03))];

        run.Start(run.Link().PollEg4Modbus(Source(), run.Scheduler, run.Options));
        run.Advance((Interval * 3) + TimeSpan.FromMilliseconds(100));

        run.Polls.Should().HaveCount(4).And.OnlyContain(p => p.Outcome.Succeeded);
        run.Polls[0].Device.Model.Should().Be("LifePower4 v2 (EG4-LL)");
        run.Port.Requests.Count(r => Start(r.Bytes) == 105).Should().Be(1);
        run.LogLines.Should().ContainSingle(l => l.Contains("identity (registers 105-127) not read"));
    }

    [Fact]
    public void The_identity_is_read_again_after_a_reconnection()
    {
        using var run = new PollRun();
        var script = new ModbusPackScript().Pack(1, TimeSpan.FromMilliseconds(10));
        run.Port.Respond = script.Respond;
        run.Start(run.Link(new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))).PollEg4Modbus(Source(), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(15));

        run.Port.Unplug();
        run.Port.Plugged = true;
        run.Advance(TimeSpan.FromSeconds(10));

        run.Port.Opens.Should().Be(2);
        run.Port.Requests.Count(r => Start(r.Bytes) == 105).Should().Be(2);
        run.Polls.Should().HaveCount(3).And.OnlyContain(p => p.Outcome.Succeeded);
    }

    [Fact]
    public void The_configured_register_count_is_read()
    {
        using var run = new PollRun();
        run.Port.Respond = new ModbusPackScript().Pack(1, TimeSpan.Zero).Respond;

        run.Start(run.Link().PollEg4Modbus(Source(47), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromMilliseconds(10));

        run.Port.Requests[0].Bytes.Should().Equal(ModbusReadRequest.Create(1, 0, 47));
        run.Polls.Single().Reading!.Fields.Should().Contain(f => f.Spec.Key == "register_46");
    }

    [Fact]
    public void A_late_reply_is_dropped_and_counted_and_a_foreign_frame_while_waiting_too()
    {
        using var run = new PollRun();
        var script = new ModbusPackScript()
            .Pack(1, TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(10))
            .Pack(2, TimeSpan.FromMilliseconds(10));
        run.Port.Respond = script.Respond;
        var source = Source(39, new PackConfig("p1", 1), new PackConfig("p2", 2)) with { Timeout = TimeSpan.FromSeconds(1) };

        run.Start(run.Link().PollEg4Modbus(source, run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(5));

        // p1 times out at 1 s, p2 is asked at 1.005 s and answers at 1.015 s; p1's reply lands at 1.5 s
        // with nothing outstanding (late). Its identity read at 1.020 s is answered at once.
        run.Polls.Select(p => (p.Device.Name, p.Outcome.Succeeded)).Should().Equal(("p1", false), ("p2", true));
        (run.Counters.Timeouts, run.Counters.Late, run.Counters.Foreign).Should().Be((1L, 1L, 0L));

        run.Advance(TimeSpan.FromSeconds(5));
        System.Reactive.Concurrency.Scheduler.Schedule(run.Scheduler, TimeSpan.FromMilliseconds(2), () => run.Port.Emit(ModbusResponses.Registers(9, [1, 2])));
        run.Advance(TimeSpan.FromMilliseconds(50));

        run.Counters.Foreign.Should().Be(1, "the stray reply of slave 9 came while p1's request was outstanding");
        run.Polls.Should().HaveCount(4);
        run.Polls.Skip(2).Should().OnlyContain(p => p.Outcome.Succeeded);
    }

    [Fact]
    public void Requests_on_a_shared_bus_never_overlap_and_keep_the_gap()
    {
        using var run = new PollRun();
        var replyDelay = new Dictionary<byte, TimeSpan> { [1] = TimeSpan.FromMilliseconds(30), [3] = TimeSpan.FromMilliseconds(70) };
        run.Port.Respond = new ModbusPackScript()
            .Pack(1, replyDelay[1]).Pack(2, (TimeSpan?)null).Pack(3, replyDelay[3]).Respond;
        var source = Source(39, new PackConfig("p1", 1), new PackConfig("p2", 2), new PackConfig("p3", 3)) with { PollInterval = TimeSpan.FromSeconds(1) };

        run.Start(run.Link().PollEg4Modbus(source, run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(10));

        run.Polls.Select(p => p.Device.Name).Should().Equal(
            Enumerable.Range(0, run.Polls.Count).Select(i => $"p{(i % 3) + 1}"));
        // A cycle is p1 (30 ms), p2 (dead: its read waits until one timeout after its last timeout, as
        // its late reply could still come, then times out) and p3 (70 ms): about 2.1 s.
        run.Polls.Should().HaveCountGreaterThanOrEqualTo(15);
        for (var i = 1; i < run.Port.Requests.Count; i++)
        {
            var previous = run.Port.Requests[i - 1].Bytes;
            // Identity reads are answered at once, a dead pack's read ends with the timeout.
            var busy = Start(previous) != 0 ? TimeSpan.Zero : replyDelay.GetValueOrDefault(Address(previous), Timeout);
            (run.Port.Requests[i].At - run.Port.Requests[i - 1].At).Should().BeGreaterThanOrEqualTo(busy + source.InterFrameGap);
        }
    }

    [Fact]
    public void Disposing_stops_polling_and_closes_the_port()
    {
        using var run = new PollRun();
        run.Port.Respond = new ModbusPackScript().Pack(1, TimeSpan.FromMilliseconds(10)).Respond;
        run.Start(run.Link().PollEg4Modbus(Source(), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(10));
        var written = run.Port.Requests.Count;
        var link = run.Port.Current!;

        run.Stop();
        run.Advance(TimeSpan.FromMinutes(5));

        run.Port.Requests.Should().HaveCount(written);
        link.Received.Subscribe(_ => { }, _ => { }, () => run.Polls.Clear());
        run.Polls.Should().BeEmpty("the link completed: it was disposed");
    }

    [Fact]
    public void Each_subscription_opens_the_port_once()
    {
        using var run = new PollRun();
        run.Port.Respond = new ModbusPackScript().Pack(1, TimeSpan.Zero).Pack(2, TimeSpan.Zero).Respond;

        run.Start(run.Link().PollEg4Modbus(Source(39, new PackConfig("p1", 1), new PackConfig("p2", 2)), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(25));

        run.Port.Opens.Should().Be(1);
        run.Polls.Should().HaveCount(6);
    }

    private static DateTimeOffset MarbleTime(int milliseconds) =>
        Streams.Testing.Marbles.MarbleScheduler.Epoch.AddMilliseconds(milliseconds);
}
