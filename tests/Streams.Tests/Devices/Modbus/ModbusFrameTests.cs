using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

public sealed class ModbusFrameTests
{
    [Fact]
    public void Parses_the_wombatt_LifePower4_v2_response_into_its_39_registers()
    {
        // Vector eg4ll-wombatt-info (gonzalop/wombatt bms_test.go): slave 2, 78 data bytes.
        ModbusFrame.TryParse(FramingVectors.Bytes("eg4ll-wombatt-info"), out var frame).Should().BeTrue();

        frame!.Kind.Should().Be(ModbusFrameKind.Response);
        frame.Address.Should().Be(2);
        frame.Function.Should().Be(3);
        frame.RegisterCount.Should().Be(39);
        var registers = frame.GetRegisters();
        registers.Should().HaveCount(39);
        registers[0].Should().Be(5366, "the source states Voltage=5366");
        registers[1].Should().Be(120, "the source states Current=120");
        registers[36].Should().Be(16, "the source states CellNum=16");
        frame.GetRegister(24).Should().Be(97, "the source states SOC=97");
    }

    [Fact]
    public void Parses_the_captured_6500EX_master_response()
    {
        // Vector eg4-bus-resp-6500ex: slave 1, 32 data bytes (registers 19..34), CRC 0xC070.
        ModbusFrame.TryParse(FramingVectors.Bytes("eg4-bus-resp-6500ex"), out var frame).Should().BeTrue();

        frame!.Address.Should().Be(1);
        frame.RegisterCount.Should().Be(16);
        frame.GetRegister(0).Should().Be(0x67, "reg19_status_raw is 0x67");
    }

    [Fact]
    public void Rejects_the_negative_bad_crc_vector()
    {
        ModbusFrame.TryParse(FramingVectors.Bytes("modbus-neg-badcrc-resp"), out var frame).Should().BeFalse();
        frame.Should().BeNull();
    }

    [Fact]
    public void Parses_the_protocols_md_two_byte_response()
    {
        // protocols.md §1: 01 03 02 00 0A with CRC bytes 38 43 is a 1-register response.
        ModbusFrame.TryParse([0x01, 0x03, 0x02, 0x00, 0x0A, 0x38, 0x43], out var frame).Should().BeTrue();

        frame!.Kind.Should().Be(ModbusFrameKind.Response);
        frame.GetRegisters().Should().Equal(10);
    }

    [Fact]
    public void Parses_an_exception_and_its_code()
    {
        ModbusFrame.TryParse(ModbusFrames.Exception(0x40, 2), out var frame).Should().BeTrue();

        frame!.Kind.Should().Be(ModbusFrameKind.Exception);
        frame.Function.Should().Be(0x83);
        frame.ExceptionCode.Should().Be(2);
        frame.RegisterCount.Should().Be(0);
    }

    [Fact]
    public void Rejects_an_exception_code_outside_1_to_11()
    {
        ModbusFrame.TryParse(ModbusFrames.Exception(0x40, 12), out _).Should().BeFalse();
    }

    [Fact]
    public void Rejects_a_frame_with_trailing_bytes()
    {
        byte[] withTrailer = [.. FramingVectors.Bytes("eg4ll-req-status-a1"), 0x00];

        ModbusFrame.TryParse(withTrailer, out _).Should().BeFalse();
    }

    [Fact]
    public void Owns_its_bytes()
    {
        var bytes = FramingVectors.Bytes("eg4-bus-resp-6500ex");
        ModbusFrame.TryParse(bytes, out var frame).Should().BeTrue();

        Array.Fill(bytes, (byte)0);

        frame!.GetRegister(0).Should().Be(0x67);
    }

    [Fact]
    public void Accessors_of_another_kind_say_what_the_frame_is()
    {
        ModbusFrame.TryParse(FramingVectors.Bytes("eg4ll-req-status-a1"), out var query).Should().BeTrue();

        var registers = () => query!.GetRegisters();

        registers.Should().Throw<InvalidOperationException>().WithMessage("*is a query, not a response*");
    }

    [Fact]
    public void Register_index_outside_the_response_is_rejected()
    {
        ModbusFrame.TryParse(FramingVectors.Bytes("eg4-bus-resp-6500ex"), out var frame).Should().BeTrue();

        var read = () => frame!.GetRegister(16);

        read.Should().Throw<ArgumentOutOfRangeException>();
    }
}
