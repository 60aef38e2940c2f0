using System.Buffers.Binary;
using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Devices.Eg4Legacy;
using Streams.Simulation;
using Xunit;

namespace Streams.Tests.Devices.Eg4Legacy;

/// <summary>The simulated LifePower v1 pack answers "7E … 0D" requests our decoder reads back.</summary>
public class SimulatedEg47EPackTests
{
    private readonly HistoricalScheduler _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void General_status_has_the_layout_of_the_real_reply_and_decodes_field_by_field()
    {
        // Vector eg4lp-7e-readme: 16 cells, 6 temperatures, 5 alarm words, an 88-byte body.
        var pack = new SimulatedEg47EPack(1, 16, _clock, seed: 1);

        var reply = pack.Answer(Eg4LegacyRequest.Build(1, Eg4LegacyCommand.GeneralStatus))!;
        var status = Eg4LegacyDecoder.DecodeStatus(reply).Value;

        Eg4LegacyFrame.TryParse(reply, out var frame).Should().BeTrue("the framer accepts it");
        frame!.Kind.Should().Be(Eg4LegacyFrameKind.Reply);
        reply[3].Should().Be(88);
        status.Address.Should().Be(1);
        status.CellMillivolts.Should().HaveCount(16).And.OnlyContain(mv => mv >= 3270 && mv <= 3360);
        status.PackVoltage.Should().BeApproximately(status.CellMillivolts.Sum(mv => mv) / 1000.0, 0.0051);
        status.Current.Should().BeInRange(-SimulatedPack.MaxCurrent, SimulatedPack.MaxCurrent);
        status.StateOfCharge.Should().BeInRange(0, 100);
        status.FullCapacityAh.Should().Be(100);
        status.Temperatures.Should().HaveCount(6).And.OnlyContain(t => t >= 14 && t <= 40);
        status.AlarmWord.Should().Be((ushort)(status.Current > 0.5 ? 1 : status.Current < -0.5 ? 2 : 0));
        status.Cycles.Should().BeInRange((ushort)10, (ushort)300);
        status.StateOfHealth.Should().Be(100);
    }

    [Fact]
    public void Balancing_cells_carry_a_flag_that_only_the_0x3FFF_mask_removes()
    {
        var pack = new SimulatedEg47EPack(1, 16, _clock, seed: 1);
        byte[] reply = [];
        var flagged = 0;
        for (var minute = 0; minute < 24 * 60 && flagged == 0; minute++)
        {
            _clock.AdvanceBy(TimeSpan.FromMinutes(1));
            reply = pack.Answer(Eg4LegacyRequest.Build(1, Eg4LegacyCommand.GeneralStatus))!;
            flagged = Enumerable.Range(0, 16).Count(i => (RawCell(reply, i) & SimulatedEg47EPack.CellFlag) != 0);
        }

        flagged.Should().BePositive("a charging pack balances its high cells within a day");
        var decoded = Eg4LegacyDecoder.DecodeStatus(reply).Value.CellMillivolts;
        for (var i = 0; i < 16; i++)
        {
            decoded[i].Should().Be((ushort)(RawCell(reply, i) & 0x3FFF));
            decoded[i].Should().BeInRange((ushort)3270, (ushort)3360);
        }
    }

    [Theory]
    [InlineData((byte)Eg4LegacyCommand.FirmwareVersion, SimulatedEg47EPack.FirmwareText)]
    [InlineData((byte)Eg4LegacyCommand.HardwareVersion, SimulatedEg47EPack.HardwareText)]
    public void Firmware_and_hardware_requests_get_text(byte code, string text)
    {
        var command = (Eg4LegacyCommand)code;
        var pack = new SimulatedEg47EPack(5, 16, _clock, seed: 1);

        var reply = Eg4LegacyDecoder.DecodeText(pack.Answer(Eg4LegacyRequest.Build(5, command))!, command).Value;

        reply.Should().Be(new Eg4LegacyTextReply(5, (byte)command, text));
    }

    [Fact]
    public void Other_addresses_unknown_commands_and_replies_get_no_answer()
    {
        var pack = new SimulatedEg47EPack(1, 16, _clock, seed: 1);
        var status = pack.Answer(Eg4LegacyRequest.Build(1, Eg4LegacyCommand.GeneralStatus))!;

        pack.Answer(Eg4LegacyRequest.Build(2, Eg4LegacyCommand.GeneralStatus)).Should().BeNull();
        pack.Answer([0x7E, 0x01, 0x77, 0x00, 0xFE, 0x0D]).Should().BeNull();
        pack.Answer(status).Should().BeNull();
        pack.Answer([0x7E, 0x01]).Should().BeNull();
    }

    private static ushort RawCell(byte[] reply, int index) =>
        BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(4 + 2 + (2 * index)));
}
