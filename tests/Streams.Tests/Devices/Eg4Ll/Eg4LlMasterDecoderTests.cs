using FluentAssertions;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Tests.Support;
using Xunit;
using static Streams.Devices.Eg4Ll.Eg4LlMasterMap;

namespace Streams.Tests.Devices.Eg4Ll;

/// <summary>The master map (docs/protocols.md §2 "Master packs") as bank readings, each field with its certainty.</summary>
public class Eg4LlMasterDecoderTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // Source: gonzalop/wombatt internal/modbus/rtu_test.go TestReadRTUResponse, "Response from EG4LLv2 #1
    // to EG4 6500-EX": the inverter's read of 19..34 (vector modbus-sniff-stream-req-resp holds the query).
    private static FrameVector Vector => FrameVectors.Get("eg4-bus-resp-6500ex");

    private static Eg4LlMasterStatus RealStatus() =>
        Eg4LlMasterDecoder.Decode(Eg4LlMasterDecoder.Collect(ModbusFrame.Parse(Vector.Bytes).Value.GetRegisters(), BankStart)).Value;

    [Fact]
    public void Vector_eg4_bus_resp_6500ex_decodes_every_bank_value_it_holds()
    {
        var vector = Vector;

        var status = RealStatus();

        status.StateOfCharge.Should().Be((ushort)vector.Integer("soc_pct"));
        status.Voltage.Should().Be(vector.Number("pack_voltage_v"));
        status.Current.Should().Be(vector.Number("current_a"));
        status.Temperature.Should().Be((short)vector.Integer("temperature_c"));
        status.Capacities.Should().Be((vector.Integer("reg26_total_remaining_ah_x100") / 100.0, vector.Integer("reg27_total_full_ah_x100") / 100.0));
        status.FirmwareWord.Should().Be((ushort)vector.HexNumber("reg28_fw_raw"));
        status.Firmware.Should().Be("2.04");
        status.Cycles.Should().Be((ushort)vector.Integer("reg30_cycles"));
        status.StateOfHealth.Should().Be((ushort)vector.Integer("reg32_soh_pct"));
        status.StatusBits.Should().Be((ushort)vector.HexNumber("reg19_status_raw"));
        status.ProtectionBits.Should().Be((ushort)vector.HexNumber("reg20_protection_raw"));
        status.WarningBits.Should().Be(0, "register 34 is the read's last");
        status.Registers[25].Should().Be((ushort)vector.Integer("reg25_raw"));
        status.Registers[33].Should().Be((ushort)vector.Integer("reg33_raw"));
        (status.MaxCellMillivolts, status.CellCount).Should().Be(((ushort?)null, (ushort?)null), "19..34 does not reach 37..41");
        status.CellMillivolts.Should().BeEmpty();
    }

    [Fact]
    public void Vector_eg4_bus_resp_6500ex_becomes_fields_marked_with_how_sure_the_sources_are()
    {
        var fields = Eg4LlMasterReadings.ToFields(RealStatus()).ToDictionary(f => f.Spec.Key);

        fields[CommonFields.PackVoltageKey].Number.Should().Be(53.31);
        fields[CommonFields.CurrentKey].Number.Should().Be(-2.4);
        fields["power"].Number.Should().Be(-127.94);
        fields[CommonFields.StateOfChargeKey].Number.Should().Be(99);
        fields["temperature_max"].Number.Should().Be(31);
        fields[CommonFields.RemainingCapacityKey].Number.Should().Be(396);
        fields[CommonFields.FullCapacityKey].Number.Should().Be(400);
        fields["cycles"].Number.Should().Be(6);
        fields["state_of_health"].Number.Should().Be(0);
        fields["bank_firmware"].Text.Should().Be("2.04");
        fields["bank_status_bits"].Number.Should().Be(0x67);
        fields["register_33"].Number.Should().Be(5600);
        fields.Keys.Should().NotContain(["cell_voltage_max", "cell_count", "cell_01_voltage", "register_18"]);

        string[] probable = ["pack_voltage", "current", "power", "state_of_charge", "temperature_max", "remaining_capacity", "full_capacity", "cycles"];
        fields.Values.Where(f => probable.Contains(f.Spec.Key)).Should().HaveCount(probable.Length)
            .And.OnlyContain(f => f.Spec.Certainty == FieldCertainty.Probable && f.Spec.EnabledByDefault);
        fields.Values.Where(f => f.Spec.Certainty == FieldCertainty.Uncertain).Select(f => f.Spec.Key)
            .Should().Contain(["state_of_health", "bank_firmware", "bank_status_bits", "bank_protection_bits", "bank_warning_bits"]);
        fields.Values.Where(f => f.Spec.Certainty == FieldCertainty.Uncertain).Should().OnlyContain(f => !f.Spec.EnabledByDefault);
    }

    [Fact]
    public void Every_catalogue_field_is_probable_or_uncertain_and_only_uncertain_ones_start_disabled()
    {
        Eg4LlMasterFields.All.Should().OnlyContain(f => f.Certainty != FieldCertainty.Confirmed, "no vendor document, one real reply");
        Eg4LlMasterFields.All.Where(f => f.Certainty == FieldCertainty.Probable).Should().OnlyContain(f => f.EnabledByDefault);
        Eg4LlMasterFields.All.Select(f => f.Key).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_sniffer_reads_the_inverters_query_of_a_master_as_the_banks_reading()
    {
        // Vector modbus-sniff-stream-req-resp: 01 03 0013 0010 (19..34), answered by eg4-bus-resp-6500ex.
        var query = FrameVectors.Get("modbus-sniff-stream-req-resp");
        var registers = ModbusFrame.Parse(Vector.Bytes).Value.GetRegisters();
        var start = (ushort)query["frames"][0].GetProperty("start").GetInt32();

        var decoded = new Eg4LlSniffedRegisters().Decode(new PairedRead(1, start, registers, At), Eg4LlDevice.Named("bank1"), At);

        var reading = decoded!.Value.Value;
        reading.Device.Should().Be(Eg4LlDevice.Master("bank1"));
        reading.Fields.Single(f => f.Spec.Key == CommonFields.StateOfChargeKey).Number.Should().Be(99);
    }

    [Fact]
    public void A_status_read_from_0_holding_the_master_map_is_a_master_reading_for_the_sniffer_too()
    {
        var registers = new ushort[Eg4LlRegisterMap.StatusCount];
        ModbusFrame.Parse(Vector.Bytes).Value.GetRegisters().CopyTo(registers, BankStart);

        var reading = new Eg4LlSniffedRegisters().Decode(new PairedRead(1, 0, registers, At), Eg4LlDevice.Named("bank1"), At)!.Value.Value;

        reading.Device.Protocol.Should().Be(Eg4LlDevice.MasterProtocol);
        reading.Fields.Single(f => f.Spec.Key == CommonFields.PackVoltageKey).Number.Should().Be(53.31);
    }

    // The rest are frames built from docs/protocols.md §2 (no real capture reaches 35..41 or 113..128).
    [Fact]
    public void Cells_and_the_cell_block_come_from_113_and_37_to_41_with_indexes_counted_from_0()
    {
        var registers = BuiltMasterMap(cells: 4);

        var fields = Eg4LlMasterReadings.ToFields(Eg4LlMasterDecoder.Decode(registers).Value).ToDictionary(f => f.Spec.Key);

        fields["cell_01_voltage"].Number.Should().Be(3.301);
        fields["cell_04_voltage"].Number.Should().Be(3.304);
        fields.Keys.Should().NotContain("cell_05_voltage");
        fields["cell_voltage_max"].Number.Should().Be(3.304);
        fields["cell_voltage_min"].Number.Should().Be(3.301);
        fields["cell_highest"].Number.Should().Be(4);
        fields["cell_lowest"].Number.Should().Be(1);
        fields["cell_count"].Number.Should().Be(4);
        fields["cell_01_voltage"].Spec.Certainty.Should().Be(FieldCertainty.Uncertain);
    }

    [Fact]
    public void Cells_are_left_out_when_the_read_missed_one_of_them()
    {
        var registers = BuiltMasterMap(cells: 4);
        registers.Remove(FirstCell + 3);

        Eg4LlMasterDecoder.Decode(registers).Value.CellMillivolts.Should().BeEmpty();
    }

    [Theory]
    [InlineData(39600, 40000, 99, true)]
    [InlineData(5000, 10000, 50, true)]
    [InlineData(5000, 10000, 60, false)]
    [InlineData(60000, 2000, 99, false)]
    [InlineData(0, 0, 0, false)]
    public void Capacities_are_believed_only_while_they_agree_with_the_state_of_charge(int remaining, int full, int soc, bool believed)
    {
        var registers = BuiltMasterMap(cells: 0);
        (registers[RemainingCapacity], registers[FullCapacity], registers[StateOfCharge]) = ((ushort)remaining, (ushort)full, (ushort)soc);

        var status = Eg4LlMasterDecoder.Decode(registers).Value;

        (status.Capacities is not null).Should().Be(believed, "a bank above 655.35 Ah wraps registers 26/27");
        Eg4LlMasterReadings.ToFields(status).Any(f => f.Spec.Key == CommonFields.FullCapacityKey).Should().Be(believed);
    }

    [Fact]
    public void Without_state_of_charge_voltage_and_current_there_is_no_reading()
    {
        var registers = BuiltMasterMap(cells: 0);
        registers.Remove(Current);

        var error = Eg4LlMasterDecoder.Decode(registers).Error!;

        error.Kind.Should().Be(DecodeErrorKind.Truncated);
        error.Message.Should().Be("an EG4-LL master reading needs registers 21-23 (state of charge, voltage, current)");
    }

    [Theory]
    [InlineData(19, 16, true)]
    [InlineData(0, 39, true)]
    [InlineData(21, 3, true)]
    [InlineData(22, 10, false)]
    [InlineData(0, 23, false)]
    public void A_read_covers_a_master_reading_when_it_holds_21_to_23(int start, int count, bool covers) =>
        Eg4LlMasterDecoder.Covers(start, count).Should().Be(covers);

    /// <summary>0..41 and 113.. per docs/protocols.md §2: 52.80 V, +10.5 A, 50 %, cells 3.301.. V.</summary>
    internal static Dictionary<int, ushort> BuiltMasterMap(int cells)
    {
        var registers = Enumerable.Range(0, BankStart + BankCount).ToDictionary(r => r, _ => (ushort)0);
        registers[StateOfCharge] = 50;
        registers[Voltage] = 5280;
        registers[Current] = 1050;
        registers[RemainingCapacity] = 5000;
        registers[FullCapacity] = 10000;
        if (cells > 0)
        {
            registers[MaxCellMillivolts] = (ushort)(3300 + cells);
            registers[MinCellMillivolts] = 3301;
            registers[MaxCellIndex] = (ushort)(cells - 1);
            registers[MinCellIndex] = 0;
            registers[CellCount] = (ushort)cells;
            for (var i = 0; i < cells; i++)
            {
                registers[FirstCell + i] = (ushort)(3301 + i);
            }
        }

        return registers;
    }
}
