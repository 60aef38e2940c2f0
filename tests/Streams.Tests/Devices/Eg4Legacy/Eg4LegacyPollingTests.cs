using System.Text;
using FluentAssertions;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Tests.Polling;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Eg4Legacy;

public class Eg4LegacyPollingTests
{
    private static Eg4LegacySourceConfig Source(int cellCount = 16, params PackConfig[] packs) =>
        new("/dev/ttyFAKE0", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), cellCount, null,
            packs.Length == 0 ? [new PackConfig("lp1", 1)] : packs);

    private static byte[] Text(byte address, byte command, string text)
    {
        var payload = Encoding.ASCII.GetBytes(text);
        return [0x7E, address, command, (byte)payload.Length, .. payload, 0x00, 0x0D];
    }

    /// <summary>Vector eg4lp-7e-readme (slim-bean/powermon README) for 0x01 at address 1; texts for 0x33 / 0x42.</summary>
    private static IEnumerable<ScriptedReply> Pack1(byte[] request) => (request[1], request[2]) switch
    {
        (1, 0x01) => [new ScriptedReply(TimeSpan.FromMilliseconds(20), FrameVectors.Get("eg4lp-7e-readme").Bytes)],
        (1, 0x33) => [new ScriptedReply(TimeSpan.FromMilliseconds(5), Text(1, 0x33, "V1.7"))],
        (1, 0x42) => [new ScriptedReply(TimeSpan.FromMilliseconds(5), Text(1, 0x42, "LP4-48V100"))],
        _ => [],
    };

    [Fact]
    public void A_real_general_status_reply_becomes_a_reading_and_the_versions_are_read_once()
    {
        var vector = FrameVectors.Get("eg4lp-7e-readme");
        using var run = new PollRun();
        run.Port.Respond = Pack1;

        run.Start(run.Link().PollEg4Legacy(Source(), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(25));

        run.Polls.Should().HaveCount(3).And.OnlyContain(p => p.Outcome.Succeeded);
        var first = run.Polls[0];
        first.Device.Should().Be(new DeviceInfo("lp1", Eg4LegacyDevice.Protocol, "EG4 Electronics", "LP4-48V100", "V1.7"));
        PollRun.Number(first.Reading!, CommonFields.PackVoltage).Should().Be(vector.Number("pack_voltage_v"));
        PollRun.Number(first.Reading!, Eg4LegacyFields.StateOfCharge).Should().Be(vector.Number("soc_pct"));
        PollRun.Number(first.Reading!, CommonFields.CellCount).Should().Be(16);
        run.Port.Requests.Select(r => r.Bytes[2]).Should().Equal(0x01, 0x33, 0x42, 0x01, 0x01);
        run.Port.Requests[0].Bytes.Should().Equal(FrameVectors.Get("eg4lp-7e-req-general-a1").Bytes);
    }

    [Fact]
    public void Cells_past_the_configured_count_are_dropped()
    {
        using var run = new PollRun();
        run.Port.Respond = Pack1;

        run.Start(run.Link().PollEg4Legacy(Source(cellCount: 8), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(1));

        var reading = run.Polls.Single().Reading!;
        PollRun.Number(reading, CommonFields.CellCount).Should().Be(8);
        reading.Fields.Should().NotContain(f => f.Spec == CommonFields.Cells[8]);
    }

    [Fact]
    public void Packs_are_polled_round_robin_and_a_silent_one_times_out_without_its_versions()
    {
        using var run = new PollRun();
        run.Port.Respond = Pack1;

        run.Start(run.Link().PollEg4Legacy(Source(16, new PackConfig("lp1", 1), new PackConfig("lp2", 2)), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(15));

        run.Polls.Select(p => (p.Device.Name, p.Outcome.Succeeded)).Should().Equal(
            ("lp1", true), ("lp2", false), ("lp1", true), ("lp2", false));
        run.Polls[1].Outcome.Category.Should().Be("TimeoutException:command 0x01 to 0x02 on /dev/ttyFAKE0");
        run.Port.Requests.Count(r => r.Bytes[1] == 2).Should().Be(2, "only the status, once per cycle");
    }
}
