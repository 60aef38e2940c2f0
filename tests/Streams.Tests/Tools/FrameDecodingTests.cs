using System.Text.Json;
using FluentAssertions;
using Streams.Tests.Support;
using Streams.Tools;
using Xunit;

namespace Streams.Tests.Tools;

public class FrameDecodingTests
{
    // Source: gonzalop/wombatt internal/bms/bms_test.go TestBatteryInfo
    [Fact]
    public void Eg4_ll_vector_eg4ll_wombatt_info_renders_its_fields()
    {
        var vector = FrameVectors.Get("eg4ll-wombatt-info");

        var json = Decode("eg4-ll", vector.Hex);

        json.GetProperty("protocol").GetString().Should().Be("eg4-ll");
        json.GetProperty("kind").GetString().Should().Be("status");
        json.GetProperty("address").GetInt32().Should().Be(vector.Integer("slave_address"));
        var fields = json.GetProperty("fields");
        fields.GetProperty("pack_voltage").GetDouble().Should().Be(vector.Number("pack_voltage_v"));
        fields.GetProperty("current").GetDouble().Should().Be(vector.Number("current_a_div100"));
        fields.GetProperty("state_of_charge").GetDouble().Should().Be(vector.Number("soc_pct"));
        fields.GetProperty("temperature_max").GetDouble().Should().Be(vector.Number("temp_reg19_c"));
        fields.GetProperty("temperature_average").GetDouble().Should().Be(vector.Number("temp_reg20_c"));
        fields.GetProperty("full_capacity").GetDouble().Should().Be(vector.Number("full_capacity_ah"));
        fields.GetProperty("cycles").GetDouble().Should().Be(vector.Number("cycles"));
        fields.GetProperty("cell_01_voltage").GetDouble().Should().Be(vector.Numbers("cell_voltages_v")[0]);
        fields.GetProperty("status").GetString().Should().Be("charging");
        fields.GetProperty("warning_cell_overvoltage").GetBoolean().Should().BeFalse();
        fields.GetProperty("register_38").GetDouble().Should().Be(0);
    }

    [Fact]
    public void Numbers_are_written_with_a_decimal_point()
    {
        var text = FrameDecoding.DecodeToJson("eg4-ll", FrameVectors.Get("eg4ll-wombatt-info").Hex).Value;

        text.Should().Contain("\"pack_voltage\": 53.66,").And.Contain("\n  ");
    }

    // Source: patman15/aiobmsble tests/bms/test_eg4_bms.py CMD_STATUS
    [Fact]
    public void Eg4_ll_query_vector_eg4ll_req_status_a1_renders_as_a_query()
    {
        var json = Decode("eg4-ll", "01 03 00 00 00 27 05 d0");

        json.GetProperty("kind").GetString().Should().Be("query");
        json.GetProperty("start_register").GetInt32().Should().Be(0);
        json.GetProperty("register_count").GetInt32().Should().Be(FrameVectors.Get("eg4ll-req-status-a1").Integer("register_count"));
    }

    // Source: gonzalop/wombatt internal/modbus/rtu_test.go TestReadRTUResponse ("Response from EG4LLv2 #1 to EG4 6500-EX")
    [Fact]
    public void Eg4_ll_vector_eg4_bus_resp_6500ex_decodes_as_the_bank_masters_block_from_19()
    {
        var vector = FrameVectors.Get("eg4-bus-resp-6500ex");

        var json = Decode("eg4-ll", vector.Hex);

        json.GetProperty("kind").GetString().Should().Be("bank_master");
        json.GetProperty("address").GetInt32().Should().Be(vector.Integer("slave_address"));
        json.GetProperty("start_register").GetInt32().Should().Be(19);
        json.GetProperty("register_count").GetInt32().Should().Be(16);
        var fields = json.GetProperty("fields");
        fields.GetProperty("state_of_charge").GetDouble().Should().Be(vector.Number("soc_pct"));
        fields.GetProperty("pack_voltage").GetDouble().Should().Be(vector.Number("pack_voltage_v"));
        fields.GetProperty("current").GetDouble().Should().Be(vector.Number("current_a"));
        fields.GetProperty("temperature_max").GetDouble().Should().Be(vector.Number("temperature_c"));
        fields.GetProperty("remaining_capacity").GetDouble().Should().Be(vector.Number("reg26_total_remaining_ah_x100") / 100);
        fields.GetProperty("full_capacity").GetDouble().Should().Be(vector.Number("reg27_total_full_ah_x100") / 100);
        fields.GetProperty("cycles").GetDouble().Should().Be(vector.Number("reg30_cycles"));
        fields.GetProperty("register_34").GetDouble().Should().Be(0);
        fields.TryGetProperty("register_35", out _).Should().BeFalse("the inverter read 19..34 only");
    }

    // Source: gonzalop/wombatt internal/modbus/rtu_test.go TestReadRTUResponse
    [Fact]
    public void Modbus_vector_eg4_bus_resp_6500ex_renders_its_registers()
    {
        var vector = FrameVectors.Get("eg4-bus-resp-6500ex");

        var json = Decode("modbus", vector.Hex);

        json.GetProperty("kind").GetString().Should().Be("response");
        json.GetProperty("address").GetInt32().Should().Be(vector.Integer("slave_address"));
        json.GetProperty("byte_count").GetInt32().Should().Be(vector.Integer("byte_count"));
        json.GetProperty("crc").GetString().Should().Be("0xC070");
        json.GetProperty("registers").EnumerateArray().Select(r => r.GetInt32()).Should().HaveCount(16)
            .And.StartWith([0x67, 0, vector.Integer("soc_pct")]);
    }

    [Fact]
    public void Eg4_ll_identity_reply_of_23_registers_renders_model_firmware_serial()
    {
        var registers = Streams.Devices.Eg4Ll.Eg4LlRegisterEncoder.EncodeIdentity(new("LP4", "Z02T04", "SN1"));
        var frame = Streams.Devices.Modbus.ModbusResponses.Registers(0x40, registers);

        var json = Decode("eg4-ll", Convert.ToHexString(frame));

        json.GetProperty("kind").GetString().Should().Be("identity");
        json.GetProperty("firmware").GetString().Should().Be("Z02T04");
    }

    // Source: slim-bean/powermon README.md (EG4 Protocol section)
    [Fact]
    public void Eg4_7e_vector_eg4lp_7e_readme_renders_its_fields()
    {
        var vector = FrameVectors.Get("eg4lp-7e-readme");

        var json = Decode("eg4-7e", vector.Hex);

        json.GetProperty("kind").GetString().Should().Be("general_status");
        var fields = json.GetProperty("fields");
        fields.GetProperty("state_of_charge").GetDouble().Should().Be(vector.Number("soc_pct"));
        fields.GetProperty("pack_voltage").GetDouble().Should().Be(vector.Number("pack_voltage_v"));
        fields.GetProperty("state_of_health").GetDouble().Should().Be(vector.Number("soh_pct"));
        fields.GetProperty("temperature_sensor_5").GetDouble().Should().Be(vector.Numbers("temperatures_c")[4]);
        fields.GetProperty("alarm_overvoltage").GetBoolean().Should().BeFalse();
    }

    // Source: slim-bean/powermon README.md
    [Fact]
    public void Eg4_7e_request_vector_eg4lp_7e_req_general_a1_renders_its_checksum()
    {
        var json = Decode("eg4-7e", FrameVectors.Get("eg4lp-7e-req-general-a1").Hex);

        json.GetProperty("kind").GetString().Should().Be("request");
        json.GetProperty("checksum").GetString().Should().Be("0xFE");
        json.GetProperty("checksum_matches_rule").GetBoolean().Should().BeTrue();
    }

    // Sources: syssi/esphome-jbd-bms docs/pdus and the JBD protocol PDF.
    [Theory]
    [InlineData("jbd-03-sp04s034-a", "basic_info")]
    [InlineData("jbd-04-sp04s034-a", "cell_voltages")]
    [InlineData("jbd-05-protocol-doc", "hardware_version")]
    [InlineData("jbd-req-03", "read_request")]
    [InlineData("jbd-write-e1-2", "write_request")]
    [InlineData("jbd-ack-e1", "response")]
    [InlineData("jbd-auth-random-0x61", "auth")]
    public void Jbd_vectors_render_by_kind(string id, string kind)
    {
        Decode("jbd", FrameVectors.Get(id).Hex).GetProperty("kind").GetString().Should().Be(kind);
    }

    [Fact]
    public void Jbd_basic_info_and_cells_render_their_values()
    {
        var basic = Decode("jbd", FrameVectors.Get("jbd-03-sp04s034-a").Hex).GetProperty("fields");
        var cells = Decode("jbd", FrameVectors.Get("jbd-04-sp04s034-a").Hex).GetProperty("fields");

        basic.GetProperty("pack_voltage").GetDouble().Should().Be(15.6);
        basic.GetProperty("production_date").GetString().Should().Be("2022-03-28");
        basic.GetProperty("charge_mosfet").GetBoolean().Should().BeTrue();
        cells.GetProperty("cell_voltage_delta").GetDouble().Should().Be(14);
        Decode("jbd", FrameVectors.Get("jbd-auth-random-0x61").Hex).GetProperty("random_byte").GetString().Should().Be("0x61");
    }

    [Theory]
    [InlineData("modbus", "01 03 0z", "invalid hex: 'z' at position 8 is not a hex digit")]
    [InlineData("modbus", "01 03 0", "invalid hex: 5 digits, a byte needs two")]
    [InlineData("modbus", "   ", "invalid hex: no bytes given")]
    [InlineData("can", "01", "unknown protocol 'can': use one of modbus, eg4-ll, eg4-7e, jbd")]
    [InlineData("eg4-ll", "01032000670000006314d3ff10001f09c49ab09c400204000000060000000015e0000070c1", "Modbus CRC mismatch: frame says 0xC170, computed 0xC070")]
    [InlineData("eg4-ll", "01 03 04 00 63 00 e1 ca 65", "EG4-LL status needs 39 registers from 0, got 2")]
    [InlineData("jbd", "dd0300", "JBD frame too short: 3 bytes, at least 7 needed")]
    [InlineData("eg4-7e", "7e0101", "EG4 7E reply too short: 3 bytes")]
    public void Bad_input_is_a_one_line_error(string protocol, string hex, string message)
    {
        var result = FrameDecoding.DecodeToJson(protocol, hex);

        result.IsSuccess.Should().BeFalse();
        result.Error!.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("0xDD,0xA5,0x03,0x00,0xFF,0xFD,0x77")]
    [InlineData("0xdd, 0xa5, 0x3, 0x0, 0xff, 0xfd, 0x77")]
    [InlineData("dd,a5,03,00,ff,fd,77")]
    [InlineData("0xdda50300fffd77")]
    public void Hex_copied_from_other_tools_with_0x_prefixes_and_commas_decodes(string hex)
    {
        Decode("jbd", hex).GetProperty("register").GetString().Should().Be("0x03");
    }

    [Theory]
    [InlineData("0x", "invalid hex: '0x' at position 1 has no digits")]
    [InlineData("0xdd 0x123", "invalid hex: '0x123' at position 6 has an odd number of digits")]
    public void A_0x_prefix_without_a_byte_is_a_one_line_error(string hex, string message)
    {
        FrameDecoding.DecodeToJson("jbd", hex).Error!.Message.Should().Be(message);
    }

    [Fact]
    public void Protocol_names_ignore_case_and_hex_may_be_upper_case()
    {
        Decode("JBD", "DD A5 03 00 FF FD 77").GetProperty("register").GetString().Should().Be("0x03");
    }

    private static JsonElement Decode(string protocol, string hex)
    {
        var result = FrameDecoding.DecodeToJson(protocol, hex);
        result.Error.Should().BeNull();
        return JsonDocument.Parse(result.Value).RootElement.Clone();
    }
}
