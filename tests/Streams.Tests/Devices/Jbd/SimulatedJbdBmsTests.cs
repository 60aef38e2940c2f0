using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.Simulation;
using Xunit;

namespace Streams.Tests.Devices.Jbd;

/// <summary>The simulated JBD BMS: reads decoded by our decoders, MOSFET control and factory mode.</summary>
public class SimulatedJbdBmsTests
{
    private readonly HistoricalScheduler _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Basic_info_decodes_field_by_field()
    {
        var bms = new SimulatedJbdBms(4, _clock, seed: 1);

        var info = JbdDecoder.DecodeBasicInfo(bms.Answer(JbdCommands.ReadBasicInfo())!).Value;
        var cells = JbdDecoder.DecodeCellVoltages(bms.Answer(JbdCommands.ReadCellVoltages())!).Value.Millivolts;

        cells.Should().HaveCount(4).And.OnlyContain(mv => mv >= 3270 && mv <= 3360);
        info.TotalVoltage.Should().BeApproximately(cells.Sum(mv => mv) / 1000.0, 0.0051);
        info.Current.Should().BeInRange(-SimulatedPack.MaxCurrent, SimulatedPack.MaxCurrent);
        info.NominalCapacityAh.Should().Be(100);
        info.RemainingCapacityAh.Should().BeApproximately(info.StateOfCharge, 0.51);
        info.Cycles.Should().BeInRange((ushort)10, (ushort)300);
        info.ProductionDate.Should().Be(new DateOnly(2024, 3, 15));
        info.ProtectionBits.Should().Be(0);
        info.SoftwareVersion.Should().Be("1.0");
        info.StateOfCharge.Should().BeInRange((byte)0, (byte)100);
        info.MosfetStatus.Should().Be(0x03);
        (info.ChargeMosfetOn, info.DischargeMosfetOn).Should().Be((true, true));
        info.CellCount.Should().Be(4);
        info.Temperatures.Should().HaveCount(3).And.OnlyContain(t => t >= 14 && t <= 40);
    }

    [Fact]
    public void The_model_is_ascii()
    {
        var bms = new SimulatedJbdBms(16, _clock, seed: 1);

        JbdDecoder.DecodeHardwareVersion(bms.Answer(JbdCommands.ReadHardwareVersion())!).Value.Should().Be(SimulatedJbdBms.Model);
    }

    [Fact]
    public void A_32_cell_pack_reports_balancing_in_both_words()
    {
        var bms = new SimulatedJbdBms(32, _clock, seed: 4);

        var info = JbdDecoder.DecodeBasicInfo(bms.Answer(JbdCommands.ReadBasicInfo())!).Value;
        var cells = JbdDecoder.DecodeCellVoltages(bms.Answer(JbdCommands.ReadCellVoltages())!).Value.Millivolts;

        info.CellCount.Should().Be(32);
        cells.Should().HaveCount(32);
        var expected = info.Current > 0.5
            ? Enumerable.Range(0, 32).Where(i => cells[i] >= cells.Min() + 4).Aggregate(0u, (bits, i) => bits | (1u << i))
            : 0u;
        info.BalanceBits.Should().Be(expected);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_mosfet_write_is_acknowledged_and_changes_what_the_pack_does(bool chargeOn, bool dischargeOn)
    {
        var bms = new SimulatedJbdBms(4, _clock, seed: 2);

        var ack = bms.Answer(JbdCommands.SetMosfets(chargeOn, dischargeOn));

        ack.Should().Equal(0xDD, 0xE1, 0x00, 0x00, 0x00, 0x00, 0x77);
        JbdDecoder.DecodeWriteAck(ack!, JbdRegister.MosfetControl).Value.IsOk.Should().BeTrue();
        (bms.ChargeMosfetOn, bms.DischargeMosfetOn).Should().Be((chargeOn, dischargeOn));
        for (var minute = 0; minute < 60; minute++)
        {
            _clock.AdvanceBy(TimeSpan.FromMinutes(1));
            var info = JbdDecoder.DecodeBasicInfo(bms.Answer(JbdCommands.ReadBasicInfo())!).Value;

            (info.ChargeMosfetOn, info.DischargeMosfetOn).Should().Be((chargeOn, dischargeOn));
            if (!chargeOn)
            {
                info.Current.Should().BeLessThanOrEqualTo(0);
            }

            if (!dischargeOn)
            {
                info.Current.Should().BeGreaterThanOrEqualTo(0);
            }
        }
    }

    [Fact]
    public void Factory_mode_enter_and_exit_are_acknowledged()
    {
        var bms = new SimulatedJbdBms(4, _clock, seed: 2);

        var enter = bms.Answer(JbdCommands.EnterFactoryMode());
        var inside = bms.InFactoryMode;
        var exit = bms.Answer(JbdCommands.ExitFactoryMode());

        enter.Should().Equal(0xDD, JbdRegister.EnterFactoryMode, 0x00, 0x00, 0x00, 0x00, 0x77);
        exit.Should().Equal(0xDD, JbdRegister.ExitFactoryMode, 0x00, 0x00, 0x00, 0x00, 0x77);
        inside.Should().BeTrue();
        bms.InFactoryMode.Should().BeFalse();
    }

    [Fact]
    public void Unknown_registers_and_bad_values_get_an_error_status()
    {
        var bms = new SimulatedJbdBms(4, _clock, seed: 2);

        JbdDecoder.DecodeResponse(bms.Answer(JbdCommands.Read(0x77))!).Value.Should().BeEquivalentTo(new { Register = (byte)0x77, Status = (byte)0x80 });
        JbdDecoder.DecodeWriteAck(bms.Answer(JbdCommands.Write(JbdRegister.MosfetControl, [0x00, 0x07]))!, JbdRegister.MosfetControl)
            .Error!.Kind.Should().Be(DecodeErrorKind.DeviceError);
        JbdDecoder.DecodeWriteAck(bms.Answer(JbdCommands.Write(JbdRegister.EnterFactoryMode, [0x12, 0x34]))!, JbdRegister.EnterFactoryMode)
            .Error!.Kind.Should().Be(DecodeErrorKind.DeviceError);
        (bms.ChargeMosfetOn, bms.DischargeMosfetOn, bms.InFactoryMode).Should().Be((true, true, false));
    }

    [Fact]
    public void Responses_and_broken_frames_get_no_answer()
    {
        var bms = new SimulatedJbdBms(4, _clock, seed: 2);
        var badChecksum = JbdCommands.ReadBasicInfo();
        badChecksum[^2] ^= 0x01;

        bms.Answer(bms.Answer(JbdCommands.ReadBasicInfo())!).Should().BeNull();
        bms.Answer(badChecksum).Should().BeNull();
        bms.Answer([0xDD, 0xA5]).Should().BeNull();
    }
}
