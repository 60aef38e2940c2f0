using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.Tests.Polling;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd;

/// <summary>The 0xAA protection counters and the per-cell balancing flags (docs/protocols.md §4).</summary>
public class JbdExtrasTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_real_0xAA_reply_decodes_as_eleven_counters_and_the_restarts()
    {
        // JbdErrorCountFrames: sergkh/node-ultimatron-battery, an Ultimatron (JBD) BMS over BLE.
        var counts = JbdDecoder.DecodeErrorCounts(JbdErrorCountFrames.Ultimatron).Value;

        counts.Counts.Should().Equal(JbdErrorCountFrames.UltimatronCounts);
        counts.Restarts.Should().Be(JbdErrorCountFrames.UltimatronRestarts);
    }

    [Fact]
    public void The_real_0xAA_reply_becomes_diagnostic_counters_that_only_grow()
    {
        var basic = JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-sp04s034-a").Bytes).Value;
        var counts = JbdDecoder.DecodeErrorCounts(JbdErrorCountFrames.Ultimatron).Value;

        var fields = JbdReadings.ToFields(basic, null, counts).ToDictionary(f => f.Spec.Key);

        fields["short_circuit_count"].Number.Should().Be(1);
        fields["cell_overvoltage_count"].Number.Should().Be(0x2F53);
        fields["charge_undertemperature_count"].Number.Should().Be(3);
        fields["pack_overvoltage_count"].Number.Should().Be(1);
        fields["pack_undervoltage_count"].Number.Should().Be(0);
        fields["restart_count"].Number.Should().Be(42);
        JbdFields.ErrorCounters.Should().HaveCount(JbdErrorCounts.CounterCount)
            .And.OnlyContain(s => s.Diagnostic && s.StateClass == "total_increasing" && s.Unit == null && s.DeviceClass == null);
        JbdReadings.ToFields(basic, null).Should().NotContain(f => f.Spec == JbdFields.RestartCount, "nothing read, nothing published");
    }

    [Fact]
    public void A_short_or_refused_0xAA_reply_is_an_error_not_counters()
    {
        JbdDecoder.DecodeErrorCounts(JbdFrames.Response(0xAA, 0x00, new byte[20])).Error!.Kind.Should().Be(DecodeErrorKind.Truncated);
        JbdDecoder.DecodeErrorCounts(JbdFrames.Response(0xAA, 0x80)).Error!.Kind.Should().Be(DecodeErrorKind.DeviceError);
        JbdDecoder.DecodeErrorCounts(JbdFrames.Response(0xAA, 0x00, new byte[22])).Value.Restarts.Should().BeNull("22 bytes hold the counters only");
    }

    [Fact]
    public void Vector_jbd_03_sp04s034_a_balances_no_cell_and_has_a_flag_per_cell_of_its_four()
    {
        // syssi/esphome-jbd-bms docs/pdus/JBD-SP04S034-L4S-200A-B-U.txt: balance words 0, 4 cells.
        var fields = JbdReadings.ToFields(JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-sp04s034-a").Bytes).Value, null);

        fields.Where(f => f.Spec.Key.EndsWith("_balancing", StringComparison.Ordinal) && f.Spec.Key.StartsWith("cell_", StringComparison.Ordinal))
            .Select(f => (f.Spec.Key, f.Flag)).Should().Equal(("cell_01_balancing", false), ("cell_02_balancing", false), ("cell_03_balancing", false), ("cell_04_balancing", false));
    }

    [Fact]
    public void The_low_word_is_cells_1_to_16_and_the_high_word_cells_17_to_32()
    {
        // Built from vector jbd-03-protocol-doc by the PDF rule (docs/protocols.md §4): no real reply balances.
        var basic = BasicInfo(cellCount: 20, low: 0x8001, high: 0x0008);

        var balancing = JbdReadings.ToFields(basic, null)
            .Where(f => f.Spec.Key.StartsWith("cell_", StringComparison.Ordinal) && f.Spec.Key.EndsWith("_balancing", StringComparison.Ordinal))
            .Where(f => f.Flag == true).Select(f => f.Spec.Key);

        balancing.Should().Equal("cell_01_balancing", "cell_16_balancing", "cell_20_balancing");
        CommonFields.CellBalancing.Should().HaveCount(32).And.OnlyContain(s => s.Kind == FieldKind.Flag && s.Diagnostic && !s.EnabledByDefault);
    }

    [Fact]
    public void A_polled_BMS_publishes_the_counters_from_the_first_read_after_five_minutes_on()
    {
        using var run = new PollRun();
        run.Port.Respond = request => [new ScriptedReply(TimeSpan.Zero, request[2] switch
        {
            0x03 => FrameVectors.Get("jbd-03-sp04s034-a").Bytes,
            0x04 => FrameVectors.Get("jbd-04-sp04s034-a").Bytes,
            0xAA => JbdErrorCountFrames.Ultimatron,
            var register => JbdFrames.Response(register, 0x80),
        })];
        var source = new JbdSerialSourceConfig("/dev/ttyFAKE0", 9600, "jbd1", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), null);

        run.Start(run.Link().PollJbdSerial(source, run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));

        run.Polls.Should().HaveCount(7).And.OnlyContain(p => p.Outcome.Succeeded);
        run.Polls.Take(5).Should().OnlyContain(p => !p.Reading!.Fields.Any(f => f.Spec == JbdFields.RestartCount));
        run.Polls.Skip(5).Select(p => PollRun.Number(p.Reading!, JbdFields.ErrorCounters[0])).Should().Equal(1, 1);
        run.Port.Requests.Count(r => r.Bytes[2] == 0xAA).Should().Be(1);
    }

    [Fact]
    public void The_simulated_BMS_answers_0xAA_with_its_counters()
    {
        var bms = new SimulatedJbdBms(4, new HistoricalScheduler(At), seed: 1);

        var counts = JbdDecoder.DecodeErrorCounts(bms.Answer(JbdCommands.Read(JbdRegister.ErrorCounts))!).Value;

        counts.Counts.Should().Equal(SimulatedJbdBms.ErrorCountsRaw.Take(JbdErrorCounts.CounterCount));
        counts.Restarts.Should().Be(SimulatedJbdBms.ErrorCountsRaw[^1]);
    }

    private static JbdBasicInfo BasicInfo(byte cellCount, ushort low, ushort high)
    {
        var frame = FrameVectors.Get("jbd-03-protocol-doc").Bytes;
        (frame[4 + 12], frame[4 + 13], frame[4 + 14], frame[4 + 15]) = ((byte)(low >> 8), (byte)low, (byte)(high >> 8), (byte)high);
        frame[4 + 21] = cellCount;
        var checksum = JbdChecksum.Compute(frame.AsSpan(2, frame.Length - 5));
        (frame[^3], frame[^2]) = ((byte)(checksum >> 8), (byte)checksum);
        return JbdDecoder.DecodeBasicInfo(frame).Value;
    }
}
