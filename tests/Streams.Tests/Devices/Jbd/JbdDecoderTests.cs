using FluentAssertions;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd;

public class JbdDecoderTests
{
    // Sources: syssi/esphome-jbd-bms docs/pdus/JBD-SP04S034-L4S-200A-B-U.txt (captured) and
    // docs/Jiabaida.communication.protocol.pdf (vendor example).
    [Theory]
    [InlineData("jbd-03-sp04s034-a")]
    [InlineData("jbd-03-protocol-doc")]
    public void Basic_info_vectors_decode_to_every_stated_value(string id)
    {
        var vector = FrameVectors.Get(id);

        var info = JbdDecoder.DecodeBasicInfo(vector.Bytes).Value;

        info.TotalVoltage.Should().Be(vector.Number("total_voltage_v"));
        info.Current.Should().Be(vector.Number("current_a"));
        info.RemainingCapacityAh.Should().Be(vector.Number("remaining_capacity_ah"));
        info.NominalCapacityAh.Should().Be(vector.Number("nominal_capacity_ah"));
        info.Cycles.Should().Be((ushort)vector.Integer("cycles"));
        info.ProductionDate.Should().Be(DateOnly.Parse(vector.Text("production_date"), System.Globalization.CultureInfo.InvariantCulture));
        (info.BalanceBits & 0xFFFF).Should().Be((uint)vector.Integer("balance_low_raw"));
        (info.BalanceBits >> 16).Should().Be((uint)vector.Integer("balance_high_raw"));
        info.ProtectionBits.Should().Be((ushort)vector.Integer("protection_bits"));
        info.SoftwareVersionRaw.Should().Be((byte)vector.Integer("software_version_raw"));
        info.StateOfCharge.Should().Be((byte)vector.Integer("soc_pct"));
        info.MosfetStatus.Should().Be((byte)vector.Integer("fet_raw"));
        info.ChargeMosfetOn.Should().Be(vector["charge_fet_on"].GetBoolean());
        info.DischargeMosfetOn.Should().Be(vector["discharge_fet_on"].GetBoolean());
        info.CellCount.Should().Be((byte)vector.Integer("cell_count"));
        info.Temperatures.Should().HaveCount(vector.Integer("ntc_count"));
        info.Temperatures.Should().Equal(vector.Numbers("temperatures_c"));
    }

    // Source: syssi/esphome-jbd-bms (software version 0x80 read as nibbles 8.0; the PDF: 0x10 = 1.0).
    [Fact]
    public void Vector_jbd_03_sp04s034_a_software_version_reads_as_nibbles()
    {
        var vector = FrameVectors.Get("jbd-03-sp04s034-a");

        var info = JbdDecoder.DecodeBasicInfo(vector.Bytes).Value;

        double.Parse(info.SoftwareVersion, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(vector.Number("software_version_syssi"));
        JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-protocol-doc").Bytes).Value.SoftwareVersion.Should().Be("1.0");
    }

    // Source: syssi/esphome-jbd-bms docs/pdus (captured) and the JBD protocol PDF example.
    [Theory]
    [InlineData("jbd-04-sp04s034-a")]
    [InlineData("jbd-04-protocol-doc")]
    public void Cell_voltage_vectors_decode_to_the_stated_voltages(string id)
    {
        var vector = FrameVectors.Get(id);

        var cells = JbdDecoder.DecodeCellVoltages(vector.Bytes).Value;

        cells.Millivolts.Select(mv => mv / 1000.0).Should().Equal(vector.Numbers("cell_voltages_v"));
    }

    // Source: syssi/esphome-jbd-bms docs/Jiabaida.communication.protocol.pdf; patman15/aiobmsble tests/bms/test_jbd_bms.py
    [Fact]
    public void Vector_jbd_05_protocol_doc_is_the_model_string()
    {
        var vector = FrameVectors.Get("jbd-05-protocol-doc");

        JbdDecoder.DecodeHardwareVersion(vector.Bytes).Value.Should().Be(vector.Text("model"));
    }

    // Source: syssi/esphome-jbd-bms docs/pdus/JBD-SP04S034-L4S-200A-B-U_MOS.txt
    [Fact]
    public void Vector_jbd_ack_e1_is_an_empty_ok_acknowledgement_with_checksum_0000()
    {
        var vector = FrameVectors.Get("jbd-ack-e1");

        var ack = JbdDecoder.DecodeWriteAck(vector.Bytes, JbdRegister.MosfetControl).Value;

        ack.Status.Should().Be((byte)vector.Integer("status"));
        ack.Data.Should().HaveCount(vector.Integer("data_len"));
        Convert.ToHexString(vector.Bytes.AsSpan(4, 2)).Should().Be(vector.Text("checksum")[2..]);
    }

    [Fact]
    public void Status_0x80_is_a_device_error_value()
    {
        var frame = Response(JbdRegister.BasicInfo, 0x80, []);

        var result = JbdDecoder.DecodeBasicInfo(frame);

        result.Error!.Kind.Should().Be(DecodeErrorKind.DeviceError);
        result.Error.Message.Should().Be("JBD BMS answered register 0x03 with error status 0x80");
        JbdDecoder.DecodeResponse(frame).Value.IsOk.Should().BeFalse();
    }

    [Fact]
    public void Bytes_after_the_last_ntc_are_ignored()
    {
        var vector = FrameVectors.Get("jbd-03-sp04s034-a");
        var payload = vector.Bytes[4..^3].Concat(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05 }).ToArray();

        var extended = JbdDecoder.DecodeBasicInfo(Response(JbdRegister.BasicInfo, 0, payload)).Value;

        extended.Should().BeEquivalentTo(JbdDecoder.DecodeBasicInfo(vector.Bytes).Value);
    }

    [Fact]
    public void Fewer_ntc_bytes_than_announced_is_truncated()
    {
        var vector = FrameVectors.Get("jbd-03-sp04s034-a");
        var payload = vector.Bytes[4..^5];

        var result = JbdDecoder.DecodeBasicInfo(Response(JbdRegister.BasicInfo, 0, payload));

        result.Error!.Message.Should().Be("JBD basic info announces 3 temperatures but holds 2");
    }

    [Fact]
    public void A_flipped_bit_fails_the_checksum()
    {
        var frame = FrameVectors.Get("jbd-04-sp04s034-a").Bytes;
        frame[5] ^= 0x01;

        var result = JbdDecoder.DecodeCellVoltages(frame);

        result.Error!.Kind.Should().Be(DecodeErrorKind.BadChecksum);
    }

    [Fact]
    public void A_reply_for_another_register_is_unexpected()
    {
        var result = JbdDecoder.DecodeCellVoltages(FrameVectors.Get("jbd-05-protocol-doc").Bytes);

        result.Error!.Message.Should().Be("JBD reply is for register 0x05, expected 0x04");
    }

    [Fact]
    public void Wrong_length_byte_is_bad_framing()
    {
        var frame = FrameVectors.Get("jbd-04-sp04s034-a").Bytes;
        frame[3] = 0x0A;

        JbdDecoder.DecodeCellVoltages(frame).Error!.Kind.Should().Be(DecodeErrorKind.BadFraming);
    }

    [Fact]
    public void Odd_cell_payload_is_bad_framing()
    {
        JbdDecoder.DecodeCellVoltages(Response(JbdRegister.CellVoltages, 0, [0x0F, 0x45, 0x0F])).Error!.Kind
            .Should().Be(DecodeErrorKind.BadFraming);
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x2C60)] // month 3, day 0
    [InlineData(0x2DBF)] // month 13
    public void Production_dates_that_are_not_dates_are_null(int raw)
    {
        var info = JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-sp04s034-a").Bytes).Value with { ProductionDateRaw = (ushort)raw };

        info.ProductionDate.Should().BeNull();
    }

    [Fact]
    public void Negative_current_is_discharge()
    {
        var payload = FrameVectors.Get("jbd-03-protocol-doc").Bytes[4..^3];
        payload[2] = 0xFF;
        payload[3] = 0x38; // −200 × 10 mA

        JbdDecoder.DecodeBasicInfo(Response(JbdRegister.BasicInfo, 0, payload)).Value.Current.Should().Be(-2.0);
    }

    [Fact]
    public void Balance_high_word_covers_cells_17_to_32()
    {
        var payload = FrameVectors.Get("jbd-03-protocol-doc").Bytes[4..^3];
        payload[12] = 0x00;
        payload[13] = 0x01;
        payload[14] = 0x80;
        payload[15] = 0x00;

        JbdDecoder.DecodeBasicInfo(Response(JbdRegister.BasicInfo, 0, payload)).Value.BalanceBits.Should().Be(0x8000_0001u);
    }

    /// <summary>A well-formed response frame built independently of the code under test.</summary>
    internal static byte[] Response(byte register, byte status, byte[] payload)
    {
        var sum = status + payload.Length + payload.Sum(b => b);
        var checksum = (0x10000 - sum) & 0xFFFF;
        return [0xDD, register, status, (byte)payload.Length, .. payload, (byte)(checksum >> 8), (byte)checksum, 0x77];
    }
}
