using FluentAssertions;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.Tests.Polling;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd;

public class JbdSerialPollingTests
{
    private static readonly JbdSerialSourceConfig Source =
        new("/dev/ttyFAKE0", 9600, "jbd1", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), null);

    /// <summary>Vectors jbd-03-sp04s034-a, jbd-04-sp04s034-a (syssi/esphome-jbd-bms captures) and jbd-05-protocol-doc.</summary>
    private static Func<byte[], IEnumerable<ScriptedReply>> Bms(bool cells = true, bool basic = true) => request => request[2] switch
    {
        0x03 when basic => [new ScriptedReply(TimeSpan.FromMilliseconds(15), FrameVectors.Get("jbd-03-sp04s034-a").Bytes)],
        0x04 when cells => [new ScriptedReply(TimeSpan.FromMilliseconds(10), FrameVectors.Get("jbd-04-sp04s034-a").Bytes)],
        0x05 => [new ScriptedReply(TimeSpan.FromMilliseconds(10), FrameVectors.Get("jbd-05-protocol-doc").Bytes)],
        _ => [],
    };

    [Fact]
    public void Basic_info_and_cells_make_one_reading_and_the_model_is_read_once()
    {
        var basic = FrameVectors.Get("jbd-03-sp04s034-a");
        var cells = FrameVectors.Get("jbd-04-sp04s034-a");
        using var run = new PollRun();
        run.Port.Respond = Bms();

        run.Start(run.Link().PollJbdSerial(Source, run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(15));

        run.Polls.Should().HaveCount(2).And.OnlyContain(p => p.Outcome.Succeeded);
        var reading = run.Polls[0].Reading!;
        reading.Device.Should().Be(new DeviceInfo("jbd1", JbdDevice.Protocol, "JBD", "0123456789"));
        PollRun.Number(reading, CommonFields.PackVoltage).Should().Be(basic.Number("total_voltage_v"));
        PollRun.Number(reading, JbdFields.StateOfCharge).Should().Be(basic.Integer("soc_pct"));
        PollRun.Number(reading, CommonFields.Cells[0]).Should().Be(cells.Numbers("cell_voltages_v")[0]);
        PollRun.Number(reading, CommonFields.Cells[3]).Should().Be(cells.Numbers("cell_voltages_v")[3]);
        run.Port.Requests.Select(r => Convert.ToHexString(r.Bytes)).Should().Equal(
            "DDA50300FFFD77", "DDA50400FFFC77", "DDA50500FFFB77", "DDA50300FFFD77", "DDA50400FFFC77");
    }

    [Fact]
    public void Without_a_cell_reply_the_reading_has_the_basic_info_alone()
    {
        using var run = new PollRun();
        run.Port.Respond = Bms(cells: false);

        run.Start(run.Link().PollJbdSerial(Source, run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(2));

        var poll = run.Polls.Should().ContainSingle().Subject;
        poll.Outcome.Succeeded.Should().BeTrue();
        poll.Reading!.Fields.Should().NotContain(f => f.Spec == CommonFields.Cells[0]);
        PollRun.Number(poll.Reading!, CommonFields.CellCount).Should().Be(4);
    }

    [Fact]
    public void Without_basic_info_the_poll_fails_and_nothing_else_is_asked()
    {
        using var run = new PollRun();
        run.Port.Respond = Bms(basic: false);

        run.Start(run.Link().PollJbdSerial(Source, run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(2));

        run.Polls.Should().ContainSingle().Which.Outcome.Detail.Should().Be("read of register 0x03 on /dev/ttyFAKE0: no reply within 1 s");
        run.Port.Requests.Should().ContainSingle();
    }

    [Fact]
    public void An_error_status_reply_is_a_device_error()
    {
        using var run = new PollRun();
        run.Port.Respond = request => [new ScriptedReply(TimeSpan.Zero, Support.JbdFrames.Response(request[2], 0x80))];

        run.Start(run.Link().PollJbdSerial(Source, run.Scheduler, run.Options));

        run.Polls.Should().ContainSingle().Which.Outcome.Category.Should().Be("DeviceError");
    }
}
