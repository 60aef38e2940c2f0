using System.Reactive.Concurrency;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Simulation;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Eg4Ll;

/// <summary>The simulated EG4-LL slave answers with frames our own decoders read back, field by field.</summary>
public class SimulatedEg4LlPackTests
{
    private readonly HistoricalScheduler _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(39)]
    [InlineData(47)]
    public void A_status_read_decodes_to_a_healthy_100_Ah_pack(int count)
    {
        var pack = new SimulatedEg4LlPack(0x40, 16, _clock, seed: 1);

        var reply = pack.Answer(ModbusReadRequest.Create(0x40, 0, (ushort)count))!;
        var status = Eg4LlFrames.DecodeStatus(reply).Value;

        reply[0].Should().Be(0x40);
        status.Registers.Should().HaveCount(count);
        status.CellMillivolts.Should().HaveCount(16).And.OnlyContain(mv => mv >= 3270 && mv <= 3360);
        status.ReportedCellCount.Should().Be(16);
        status.PackVoltage.Should().BeApproximately(status.CellMillivolts.Sum(mv => mv) / 1000.0, 0.0051);
        status.Current.Should().BeInRange(-SimulatedPack.MaxCurrent, SimulatedPack.MaxCurrent);
        status.StateOfCharge.Should().BeInRange((ushort)0, (ushort)100);
        status.RemainingCapacity.Should().BeCloseTo((ushort)status.StateOfCharge, 1, "remaining Ah of a 100 Ah pack equals its SoC");
        status.MaxChargeCurrent.Should().Be(50);
        status.StateOfHealth.Should().Be(100);
        status.State.Should().Be(status.Current switch
        {
            > 0.5 => Eg4LlOperatingState.Charging,
            < -0.5 => Eg4LlOperatingState.Discharging,
            _ => Eg4LlOperatingState.Standby,
        });
        status.HeaterOn.Should().BeFalse();
        (status.WarningBits, status.ProtectionBits, status.ErrorBits).Should().Be(((ushort)0, (ushort)0, (ushort)0));
        status.Cycles.Should().BeInRange(10u, 300u);
        status.FullCapacityMilliampSeconds.Should().Be(0x15752A00u);
        status.FullCapacityAh.Should().Be(100);
        status.DesignedCapacityAh.Should().Be(100);
        status.SensorTemperatures.Take(4).Should().OnlyContain(t => t != null && t >= 14 && t <= 36);
        status.SensorTemperatures.Skip(4).Should().Equal(new sbyte?[] { null, null });
        status.MaxTemperature.Should().Be((short)status.SensorTemperatures.Max()!);
        status.PcbTemperature.Should().BeInRange((short)15, (short)40);
        status.Registers.Skip(39).Where(r => r != 0).Should().BeEmpty("registers 39..46 are undefined and read as zero");
    }

    [Fact]
    public void The_identity_block_holds_model_firmware_and_serial()
    {
        var pack = new SimulatedEg4LlPack(3, 16, _clock, seed: 42);

        var reply = pack.Answer(ModbusReadRequest.Create(3, Eg4LlRegisterMap.IdentityStart, Eg4LlRegisterMap.IdentityCount))!;
        var identity = Eg4LlFrames.DecodeIdentity(reply).Value;

        identity.Should().Be(pack.Identity);
        identity.Model.Should().Be("LFP-51.2V100Ah-SIM");
        identity.Firmware.Should().Be("Z02T04");
        identity.Serial.Should().Be("SIM00300000042");
    }

    [Fact]
    public void Any_range_inside_0_to_127_reads_those_registers_and_any_other_is_exception_02()
    {
        var ranges =
            from start in Gen.Choose(0, 200)
            from count in Gen.Choose(1, ModbusRtuLayout.MaxRegisterCount)
            select (start, count);

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(ranges.ToArbitrary(), range =>
        {
            var pack = new SimulatedEg4LlPack(1, 16, _clock, seed: 5);
            var table = pack.ReadRegisters();

            var reply = ModbusFrame.Parse(pack.Answer(ModbusReadRequest.Create(1, (ushort)range.start, (ushort)range.count))!).Value;

            if (range.start + range.count <= SimulatedEg4LlPack.RegisterTableLength)
            {
                reply.Kind.Should().Be(ModbusFrameKind.Response);
                reply.GetRegisters().Should().Equal(table.Skip(range.start).Take(range.count));
            }
            else
            {
                new { reply.Kind, reply.Address, reply.Function, reply.ExceptionCode }.Should().Be(new { Kind = ModbusFrameKind.Exception, Address = (byte)1, Function = (byte)0x83, ExceptionCode = (byte)0x02 });
            }
        }));
    }

    [Fact]
    public void Requests_for_other_addresses_and_malformed_frames_get_no_answer()
    {
        var pack = new SimulatedEg4LlPack(1, 16, _clock, seed: 5);
        var badCrc = ModbusReadRequest.Create(1, 0, 39);
        badCrc[^1] ^= 0xFF;

        pack.Answer(ModbusReadRequest.Create(2, 0, 39)).Should().BeNull();
        pack.Answer(badCrc).Should().BeNull();
        pack.Answer([0x01, 0x03]).Should().BeNull();
        pack.Answer(ModbusResponses.Registers(1, [1, 2, 3])).Should().BeNull("a response is not a request");
    }

    [Fact]
    public void Values_drift_with_the_clock_and_stay_put_while_it_stands_still()
    {
        var pack = new SimulatedEg4LlPack(1, 16, _clock, seed: 9);
        var first = pack.ReadStatus();

        pack.ReadStatus().Should().BeEquivalentTo(first, "no time passed");
        _clock.AdvanceBy(TimeSpan.FromMinutes(30));
        var later = pack.ReadStatus();

        later.Should().NotBeEquivalentTo(first);
        Math.Abs(later.StateOfCharge - first.StateOfCharge).Should().BeLessThanOrEqualTo(30, "30 min at ≤ 50 A moves a 100 Ah pack by ≤ 25 %");
    }

    [Fact]
    public void Two_packs_with_the_same_seed_and_clock_answer_identically()
    {
        var a = new SimulatedEg4LlPack(1, 16, _clock, seed: 77);
        var b = new SimulatedEg4LlPack(1, 16, _clock, seed: 77);
        var request = ModbusReadRequest.Create(1, 0, 47);

        for (var i = 0; i < 20; i++)
        {
            _clock.AdvanceBy(TimeSpan.FromSeconds(10));
            b.Answer(request).Should().Equal(a.Answer(request));
        }
    }

    [Fact]
    public void Decoded_status_matches_the_status_the_pack_reports()
    {
        var pack = new SimulatedEg4LlPack(1, 12, _clock, seed: 21);

        var decoded = Eg4LlFrames.DecodeStatus(pack.Answer(ModbusReadRequest.Create(1, 0, 39))!).Value;

        decoded.Should().BeEquivalentTo(pack.ReadStatus(), o => o.Excluding(s => s.Registers).Excluding(s => s.PackVoltage).WithStrictOrdering());
        decoded.CellMillivolts.Should().HaveCount(12);
    }
}
