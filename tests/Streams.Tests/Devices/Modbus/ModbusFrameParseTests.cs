using FluentAssertions;
using Streams.Core;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

/// <summary><see cref="ModbusFrame.Parse"/>: the one way a whole fn 0x03 frame is read, by the bridge and by <c>streams decode</c>.</summary>
public class ModbusFrameParseTests
{
    // Source: patman15/aiobmsble tests/bms/test_eg4_bms.py CMD_STATUS
    [Fact]
    public void Vector_eg4ll_req_status_a1_is_a_query_for_39_registers_at_0()
    {
        var vector = FrameVectors.Get("eg4ll-req-status-a1");

        var message = ModbusFrame.Parse(vector.Bytes).Value;

        message.Kind.Should().Be(ModbusFrameKind.Query);
        message.Address.Should().Be((byte)vector.Integer("slave_address"));
        message.Function.Should().Be((byte)vector.Integer("function"));
        message.StartRegister.Should().Be((ushort)vector.Integer("start_register"));
        ((ushort)message.RegisterCount).Should().Be((ushort)vector.Integer("register_count"));
    }

    // Source: patman15/aiobmsble tests/bms/test_eg4_bms.py CMD_STATUS
    [Fact]
    public void Query_builder_reproduces_vector_eg4ll_req_status_a1()
    {
        var vector = FrameVectors.Get("eg4ll-req-status-a1");

        ModbusReadRequest.Create(1, 0, 39).Should().Equal(vector.Bytes);
    }

    // Source: gonzalop/wombatt internal/modbus/rtu_test.go TestReadRTUResponse
    [Fact]
    public void Vector_eg4_bus_resp_6500ex_is_a_response_of_16_registers_with_the_stated_crc()
    {
        var vector = FrameVectors.Get("eg4-bus-resp-6500ex");

        var message = ModbusFrame.Parse(vector.Bytes).Value;

        message.Kind.Should().Be(ModbusFrameKind.Response);
        message.Address.Should().Be((byte)vector.Integer("slave_address"));
        message.RegisterCount.Should().Be(vector.Integer("byte_count") / 2);
        message.Crc.Should().Be((ushort)vector.HexNumber("crc"));
        message.GetRegister(0).Should().Be((ushort)vector.HexNumber("reg19_status_raw"));
        message.GetRegister(2).Should().Be((ushort)vector.Integer("soc_pct"));
    }

    // Source: gonzalop/wombatt internal/modbus/rtu_test.go (last byte flipped)
    [Fact]
    public void Vector_modbus_neg_badcrc_resp_is_rejected_as_data()
    {
        var vector = FrameVectors.Get("modbus-neg-badcrc-resp");

        var result = ModbusFrame.Parse(vector.Bytes);

        result.IsSuccess.Should().BeFalse();
        result.Error!.Kind.Should().Be(DecodeErrorKind.BadChecksum);
        result.Error.Message.Should().StartWith("Modbus CRC mismatch");
    }

    // Source: gonzalop/wombatt internal/modbus/rtu_test.go, concatenated; the framer splits the stream,
    // here each stated frame decodes to its stated shape.
    [Fact]
    public void Vector_modbus_sniff_stream_req_resp_frames_decode_to_their_stated_shapes()
    {
        var vector = FrameVectors.Get("modbus-sniff-stream-req-resp");
        var stream = vector.Bytes;

        foreach (var frame in vector["frames"].EnumerateArray())
        {
            var offset = frame.GetProperty("offset").GetInt32();
            var length = frame.GetProperty("len").GetInt32();
            var message = ModbusFrame.Parse(stream.AsSpan(offset, length)).Value;

            message.Kind.Should().Be(frame.GetProperty("type").GetString() == "request" ? ModbusFrameKind.Query : ModbusFrameKind.Response);
            message.Address.Should().Be((byte)frame.GetProperty("slave").GetInt32());
            message.Function.Should().Be((byte)frame.GetProperty("fc").GetInt32());
            if (frame.TryGetProperty("start", out var start))
            {
                message.StartRegister.Should().Be((ushort)start.GetInt32());
                ((ushort)message.RegisterCount).Should().Be((ushort)frame.GetProperty("count").GetInt32());
            }
            else
            {
                message.RegisterCount.Should().Be(frame.GetProperty("byte_count").GetInt32() / 2);
            }
        }
    }

    [Fact]
    public void Crc_known_vector_01_03_02_00_0A_ends_in_38_43()
    {
        var frame = new byte[] { 0x01, 0x03, 0x02, 0x00, 0x0A, 0x38, 0x43 };

        var message = ModbusFrame.Parse(frame).Value;

        message.Kind.Should().Be(ModbusFrameKind.Response);
        message.GetRegisters().Should().Equal((ushort)10);
    }

    [Fact]
    public void Response_builder_round_trips_through_the_decoder()
    {
        ushort[] registers = [0x14F6, 0x0078, 0xFFFF, 0];

        var message = ModbusFrame.Parse(ModbusResponses.Registers(7, registers)).Value;

        message.Address.Should().Be(7);
        message.GetRegisters().Should().Equal(registers);
    }

    [Fact]
    public void Exception_frame_carries_its_code()
    {
        var message = ModbusFrame.Parse(ModbusResponses.Exception(2, 0x02, 0x03)).Value;

        message.Kind.Should().Be(ModbusFrameKind.Exception);
        message.Function.Should().Be(0x83);
        message.ExceptionCode.Should().Be(2);
    }

    [Fact]
    public void Short_frame_is_truncated()
    {
        ModbusFrame.Parse([0x01, 0x03, 0x02]).Error!.Kind.Should().Be(DecodeErrorKind.Truncated);
    }

    [Fact]
    public void Other_functions_are_not_register_reads()
    {
        var writeSingle = new byte[] { 0x01, 0x06, 0x00, 0x01, 0x00, 0x03, 0, 0 };
        ModbusCrc16.Write(writeSingle.AsSpan(0, 6), writeSingle.AsSpan(6));

        ModbusFrame.Parse(writeSingle).Error!.Kind.Should().Be(DecodeErrorKind.UnexpectedReply);
    }

    [Fact]
    public void Query_builder_rejects_more_than_125_registers()
    {
        var build = () => ModbusReadRequest.Create(1, 0, 126);

        build.Should().Throw<ArgumentOutOfRangeException>();
    }
}
