using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Simulation;
using Streams.Tests.Support;
using Xunit;
using static Streams.Devices.Eg4Ll.Eg4LlMasterMap;

namespace Streams.Tests.Devices.Eg4Ll;

/// <summary>The master-map pack: zeros where a slave has cells, bank data at 19..41 (docs/protocols.md §2).</summary>
public class SimulatedEg4LlMasterPackTests
{
    private readonly HistoricalScheduler _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_status_read_is_recognised_as_the_master_map_not_as_zero_volt_cells()
    {
        var pack = new SimulatedEg4LlMasterPack(0x10, 16, _clock, seed: 1);

        var reply = pack.Answer(ModbusReadRequest.Create(0x10, 0, 39))!;
        var registers = ModbusFrame.Parse(reply).Value.GetRegisters();

        registers.Take(19).Should().OnlyContain(r => r == 0);
        Eg4LlDecoder.IsMasterMap(registers).Should().BeTrue();
        Eg4LlFrames.DecodeStatus(reply).Error!.Kind.Should().Be(DecodeErrorKind.MasterMap);
    }

    [Fact]
    public void Bank_registers_agree_with_the_cells_at_113()
    {
        var pack = new SimulatedEg4LlMasterPack(0x10, 16, _clock, seed: 2);
        _clock.AdvanceBy(TimeSpan.FromMinutes(5));

        var low = Registers(pack, 0, 42);
        var cells = Registers(pack, FirstCell, 16);

        cells.Should().OnlyContain(mv => mv >= 3270 && mv <= 3360);
        low[Voltage].Should().BeCloseTo((ushort)Math.Round(cells.Sum(c => c) / 10.0), 0);
        low[MaxCellMillivolts].Should().Be(cells.Max());
        low[MinCellMillivolts].Should().Be(cells.Min());
        cells[low[MaxCellIndex]].Should().Be(cells.Max());
        cells[low[MinCellIndex]].Should().Be(cells.Min());
        low[CellCount].Should().Be(16);
        low[StateOfCharge].Should().BeInRange((ushort)0, (ushort)100);
        low[StateOfHealth].Should().Be(100);
        low[Protection].Should().Be(0);
        low[FullCapacity].Should().Be(10000);
        ((double)low[RemainingCapacity]).Should().BeApproximately(low[StateOfCharge] * 100, 50);
        var amps = (short)low[Current] / 100.0;
        amps.Should().BeInRange(-SimulatedPack.MaxCurrent, SimulatedPack.MaxCurrent);
        low[Status].Should().Be((ushort)(amps > 0.5 ? 1 : amps < -0.5 ? 2 : 0));
        low[Temperature].Should().BeInRange((ushort)14, (ushort)36);
        low[Cycles].Should().BeInRange((ushort)10, (ushort)300);
    }

    [Theory]
    [InlineData(0, 125, true)]
    [InlineData(113, 16, true)]
    [InlineData(100, 29, true)]
    [InlineData(100, 30, false)]
    [InlineData(129, 1, false)]
    public void Reads_inside_0_to_128_are_answered_and_others_get_exception_02(int start, int count, bool answered)
    {
        var pack = new SimulatedEg4LlMasterPack(0x10, 16, _clock, seed: 3);

        var reply = ModbusFrame.Parse(pack.Answer(ModbusReadRequest.Create(0x10, (ushort)start, (ushort)count))!).Value;

        reply.Kind.Should().Be(answered ? ModbusFrameKind.Response : ModbusFrameKind.Exception);
        if (!answered)
        {
            reply.ExceptionCode.Should().Be(0x02);
        }
    }

    [Fact]
    public void Other_addresses_get_no_answer()
    {
        var pack = new SimulatedEg4LlMasterPack(0x10, 16, _clock, seed: 3);

        pack.Answer(ModbusReadRequest.Create(0x11, 0, 39)).Should().BeNull();
    }

    private static ushort[] Registers(SimulatedEg4LlMasterPack pack, int start, int count) =>
        ModbusFrame.Parse(pack.Answer(ModbusReadRequest.Create(pack.Address, (ushort)start, (ushort)count))!).Value.GetRegisters();
}
