using FluentAssertions;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Eg4Ll;

public class Eg4LlDecoderTests
{
    // Source: gonzalop/wombatt internal/bms/bms_test.go TestBatteryInfo (a real EG4-LL v2 reply).
    [Fact]
    public void Vector_eg4ll_wombatt_info_decodes_to_every_stated_value()
    {
        var vector = FrameVectors.Get("eg4ll-wombatt-info");

        var status = Eg4LlFrames.DecodeStatus(vector.Bytes).Value;

        vector.Bytes[0].Should().Be((byte)vector.Integer("slave_address"));
        vector.Bytes[1].Should().Be((byte)vector.Integer("function"));
        status.Registers.Should().HaveCount(vector.Integer("byte_count") / 2);
        status.PackVoltage.Should().Be(vector.Number("pack_voltage_v"));
        status.Current.Should().Be(vector.Number("current_a_div100"));
        status.CellMillivolts.Select(mv => mv / 1000.0).Should().Equal(vector.Numbers("cell_voltages_v"));
        status.PcbTemperature.Should().Be((short)vector.Integer("pcb_temp_c"));
        status.MaxTemperature.Should().Be((short)vector.Integer("temp_reg19_c"));
        status.AverageTemperature.Should().Be((short)vector.Integer("temp_reg20_c"));
        status.RemainingCapacity.Should().Be((ushort)vector.Integer("remaining_capacity_reg21"));
        status.MaxChargeCurrent.Should().Be((ushort)vector.Integer("max_charge_current_reg22"));
        status.StateOfHealth.Should().Be((ushort)vector.Integer("soh_pct"));
        status.StateOfCharge.Should().Be((ushort)vector.Integer("soc_pct"));
        status.StatusWord.Should().Be((ushort)vector.HexNumber("status_raw"));
        status.State.Should().Be(Eg4LlOperatingState.Charging);
        status.WarningBits.Should().Be((ushort)vector.HexNumber("warning_raw"));
        status.ProtectionBits.Should().Be((ushort)vector.HexNumber("protection_raw"));
        status.ErrorBits.Should().Be((ushort)vector.HexNumber("error_raw"));
        status.Cycles.Should().Be((uint)vector.Integer("cycles"));
        status.FullCapacityMilliampSeconds.Should().Be((uint)vector.Integer("full_capacity_mAs"));
        status.FullCapacityAh.Should().Be(vector.Number("full_capacity_ah"));
        status.SensorTemperatures.Select(t => (double?)t).Should().Equal(vector.Numbers("sensor_temps_c").Select(t => (double?)t));
        status.ReportedCellCount.Should().Be(vector.Integer("cell_count"));
        status.DesignedCapacityAh.Should().Be(vector.Number("design_capacity_ah"));
        status.BalancingBits.Should().Be((ushort)vector.HexNumber("balance_bits"));
        status.HeaterOn.Should().BeFalse();
    }

    // Source: gonzalop/wombatt internal/modbus/rtu_test.go: a LifePower4 v2 acting as master answered
    // the inverter's read of 19..34. A master pack read from 0 shows zeros in 0..18 and that bank
    // data from 19 on: it must be reported as the master map, never as 16 cells of 0 V.
    [Fact]
    public void Vector_eg4_bus_resp_6500ex_bank_data_behind_zero_cells_is_the_master_map()
    {
        var vector = FrameVectors.Get("eg4-bus-resp-6500ex");
        var bank = ModbusFrame.Parse(vector.Bytes).Value.GetRegisters();
        var registers = new ushort[Eg4LlRegisterMap.StatusCount];
        bank.ToArray().CopyTo(registers, 19);

        var result = Eg4LlDecoder.DecodeStatus(registers, 0, (byte)vector.Integer("slave_address"));

        result.IsSuccess.Should().BeFalse();
        result.Error!.Kind.Should().Be(DecodeErrorKind.MasterMap);
        result.Error.Message.Should().StartWith("pack at address 1 answers with the master map");
    }

    [Fact]
    public void The_master_map_warning_says_what_to_do_instead()
    {
        var registers = new ushort[Eg4LlRegisterMap.StatusCount];
        registers[19] = 5280;

        Eg4LlDecoder.DecodeStatus(registers, 0, 16).Error!.Message.Should().Be(
            "pack at address 16 answers with the master map (registers 0-18 (nearly) all zero), which holds no cell data: "
            + "poll the slave packs at their own addresses instead, or listen to the master's own polling with a 'sniffer' source");
    }

    [Fact]
    public void Vector_eg4_bus_resp_6500ex_itself_is_too_short_for_the_slave_map()
    {
        var vector = FrameVectors.Get("eg4-bus-resp-6500ex");

        var result = Eg4LlFrames.DecodeStatus(vector.Bytes);

        result.Error!.Kind.Should().Be(DecodeErrorKind.Truncated);
        result.Error.Message.Should().Contain("got 16");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Master_map_is_at_most_two_non_zero_values_in_registers_0_to_18(int nonZero, bool master)
    {
        var registers = SyntheticMasterRegisters();
        for (var i = 0; i < nonZero; i++)
        {
            registers[3 + (5 * i)] = 3300;
        }

        var result = Eg4LlDecoder.DecodeStatus(registers, 0, 0x10);

        result.IsSuccess.Should().Be(!master);
        if (master)
        {
            result.Error!.Message.Should().StartWith("pack at address 16 answers with the master map");
        }
    }

    [Fact]
    public void Synthetic_master_map_with_bank_values_in_19_to_41_is_not_decoded()
    {
        var result = Eg4LlDecoder.DecodeStatus(SyntheticMasterRegisters(), 0, 1);

        result.Error!.Kind.Should().Be(DecodeErrorKind.MasterMap);
    }

    [Fact]
    public void Forty_seven_registers_decode_like_thirty_nine_and_keep_the_rest_raw()
    {
        var vector = FrameVectors.Get("eg4ll-wombatt-info");
        var registers = ModbusFrame.Parse(vector.Bytes).Value.GetRegisters();
        var longer = registers.Concat(new ushort[] { 0, 0, 0, 0, 0, 0, 0, 0x1234 }).ToArray();

        var short39 = Eg4LlDecoder.DecodeStatus(registers, 0, 2).Value;
        var long47 = Eg4LlDecoder.DecodeStatus(longer, 0, 2).Value;

        long47.Registers.Should().HaveCount(47);
        long47.Registers[46].Should().Be(0x1234);
        (long47 with { Registers = short39.Registers }).Should().BeEquivalentTo(short39);
    }

    [Theory]
    [InlineData(38)]
    [InlineData(0)]
    public void Fewer_than_39_registers_are_truncated(int count)
    {
        var result = Eg4LlDecoder.DecodeStatus(new ushort[count], 0, 1);

        result.Error!.Kind.Should().Be(DecodeErrorKind.Truncated);
        result.Error.Message.Should().Be($"EG4-LL status needs 39 registers from 0, got {count}");
    }

    [Fact]
    public void A_read_not_starting_at_0_is_refused()
    {
        Eg4LlDecoder.DecodeStatus(new ushort[47], 19, 1).Error!.Kind.Should().Be(DecodeErrorKind.UnexpectedReply);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(15, 15)]
    [InlineData(24, 16)]
    [InlineData(0, 0)]
    public void Cell_count_comes_from_register_36_clamped_to_16(int reported, int published)
    {
        var registers = PlausibleRegisters();
        registers[36] = (ushort)reported;

        var status = Eg4LlDecoder.DecodeStatus(registers, 0, 1).Value;

        status.CellMillivolts.Should().HaveCount(published);
        status.ReportedCellCount.Should().Be(reported);
    }

    [Fact]
    public void Ntc_bytes_of_0xC8_are_absent_and_signed_bytes_go_below_zero()
    {
        var registers = PlausibleRegisters();
        registers[33] = 0xC8F6; // absent, −10 °C
        registers[34] = 0x00C8; // 0 °C, absent
        registers[35] = 0x7F80; // 127 °C, −128 °C

        var status = Eg4LlDecoder.DecodeStatus(registers, 0, 1).Value;

        status.SensorTemperatures.Should().Equal(null, (sbyte)-10, (sbyte)0, null, (sbyte)127, (sbyte)-128);
    }

    [Theory]
    [InlineData(0x0000, (int)Eg4LlOperatingState.Standby, false)]
    [InlineData(0x0002, (int)Eg4LlOperatingState.Discharging, false)]
    [InlineData(0x8004, (int)Eg4LlOperatingState.Protect, true)]
    [InlineData(0x8008, (int)Eg4LlOperatingState.ChargingLimit, true)]
    public void Status_register_splits_into_state_and_heater(int raw, int stateValue, bool heater)
    {
        var state = (Eg4LlOperatingState)stateValue;
        var registers = PlausibleRegisters();
        registers[25] = (ushort)raw;

        var status = Eg4LlDecoder.DecodeStatus(registers, 0, 1).Value;

        status.State.Should().Be(state);
        status.HeaterOn.Should().Be(heater);
    }

    [Fact]
    public void Negative_current_and_32_bit_counters_decode_big_endian_word_first()
    {
        var registers = PlausibleRegisters();
        registers[1] = unchecked((ushort)(short)-1234);
        registers[29] = 0x0001;
        registers[30] = 0x0002;

        var status = Eg4LlDecoder.DecodeStatus(registers, 0, 1).Value;

        status.Current.Should().Be(-12.34);
        status.Cycles.Should().Be(0x0001_0002u);
    }

    [Fact]
    public void Identity_registers_105_to_127_round_trip_through_the_encoder()
    {
        var identity = new Eg4LlIdentity("LFP-51.2V100Ah-V1.0", "Z02T04", "2023120512345678");
        var registers = Eg4LlRegisterEncoder.EncodeIdentity(identity);

        var decoded = Eg4LlFrames.DecodeIdentity(ModbusResponses.Registers(1, registers)).Value;

        decoded.Should().Be(identity);
    }

    [Fact]
    public void Identity_can_be_read_from_a_wider_block()
    {
        var registers = new ushort[30];
        Eg4LlRegisterEncoder.EncodeIdentity(new Eg4LlIdentity("M", "F", "S")).CopyTo(registers, 5);

        var decoded = Eg4LlDecoder.DecodeIdentity(registers, 100).Value;

        decoded.Should().Be(new Eg4LlIdentity("M", "F", "S"));
    }

    [Fact]
    public void Identity_that_misses_register_127_is_truncated()
    {
        var result = Eg4LlDecoder.DecodeIdentity(new ushort[22], 105);

        result.Error!.Message.Should().Be("EG4-LL identity needs registers 105-127, this read holds 105-126");
    }

    [Fact]
    public void Modbus_exception_reply_is_a_device_error()
    {
        var result = Eg4LlFrames.DecodeStatus(ModbusResponses.Exception(3, 0x02, 0x03));

        result.Error!.Kind.Should().Be(DecodeErrorKind.DeviceError);
        result.Error.Message.Should().Be("pack 0x03 answered with Modbus exception 2 (illegal data address)");
    }

    [Fact]
    public void A_query_is_not_a_status_reply()
    {
        var result = Eg4LlFrames.DecodeStatus(ModbusReadRequest.Create(1, 0, 39));

        result.Error!.Kind.Should().Be(DecodeErrorKind.UnexpectedReply);
    }

    internal static ushort[] PlausibleRegisters()
    {
        var vector = FrameVectors.Get("eg4ll-wombatt-info");
        return ModbusFrame.Parse(vector.Bytes).Value.GetRegisters();
    }

    private static ushort[] SyntheticMasterRegisters()
    {
        // Bank-level values where protocols.md §2 puts them in the master map.
        var registers = new ushort[47];
        registers[19] = 0x0067;
        registers[21] = 99;
        registers[22] = 5331;
        registers[23] = unchecked((ushort)(short)-240);
        registers[24] = 31;
        registers[30] = 6;
        registers[37] = 3340;
        registers[38] = 3320;
        registers[39] = 5;
        registers[40] = 12;
        registers[41] = 16;
        return registers;
    }
}
