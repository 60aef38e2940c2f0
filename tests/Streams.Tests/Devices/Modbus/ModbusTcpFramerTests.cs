using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

public sealed class ModbusTcpFramerTests
{
    // The read of the Modbus spec's example (3 registers from 0x006B of unit 0x11), as Modbus TCP puts it on the wire.
    private static readonly byte[] SpecQuery = Convert.FromHexString("000100000006" + "1103006B0003");
    private static readonly byte[] SpecResponse = Convert.FromHexString("000100000009" + "110306022B00000064");

    [Fact]
    public void Reads_the_spec_example_query_and_response_in_the_rtu_frame_model()
    {
        var frames = Observed<ModbusFrame>.Of(Chunks.AsOneChunk([.. SpecQuery, .. SpecResponse]).FrameModbusTcp()).Items;

        frames.Should().HaveCount(2);
        frames[0].Kind.Should().Be(ModbusFrameKind.Query);
        frames[0].TransactionId.Should().Be(1);
        frames[0].Address.Should().Be(0x11);
        frames[0].StartRegister.Should().Be(0x6B);
        frames[0].RegisterCount.Should().Be(3);
        frames[1].Kind.Should().Be(ModbusFrameKind.Response);
        frames[1].GetRegisters().Should().Equal(0x022B, 0x0000, 0x0064);
        ModbusFrame.TryParse(frames[1].Bytes.Span, out var rtu).Should().BeTrue("the RTU form carries a valid CRC");
        rtu!.GetRegisters().Should().Equal(frames[1].GetRegisters());
        frames[1].ToString().Should().Be("Response 0x11 (transaction 1): " + Convert.ToHexString(frames[1].Bytes.Span));
    }

    [Theory]
    [InlineData("eg4ll-wombatt-info")]
    [InlineData("eg4ll-req-status-a1")]
    [InlineData("eg4-bus-resp-6500ex")]
    public void A_real_rtu_frame_sent_as_modbus_tcp_comes_back_byte_for_byte_crc_included(string vector)
    {
        var rtu = FramingVectors.Bytes(vector);
        var tcp = ModbusTcpAdu.FromRtu(0xBEEF, rtu);

        var frame = Observed<ModbusFrame>.Of(Chunks.AsOneChunk(tcp).FrameModbusTcp()).Items.Should().ContainSingle().Subject;

        tcp.Length.Should().Be(rtu.Length + 4);
        frame.Bytes.ToArray().Should().Equal(rtu);
        frame.TransactionId.Should().Be(0xBEEF);
    }

    [Fact]
    public void Builds_the_12_byte_read_request()
    {
        Convert.ToHexString(ModbusTcpAdu.ReadRequest(0x0102, 0x01, 0, 39)).Should().Be("010200000006010300000027");
        ModbusTcpLayout.QueryLength.Should().Be(12);
    }

    [Fact]
    public void Reads_an_exception_from_a_gateway()
    {
        // Exception 0x0B: the gateway's target device failed to respond.
        var frame = Observed<ModbusFrame>.Of(Chunks.AsOneChunk(Convert.FromHexString("00070000000307830B")).FrameModbusTcp())
            .Items.Should().ContainSingle().Subject;

        frame.Kind.Should().Be(ModbusFrameKind.Exception);
        frame.Address.Should().Be(7);
        frame.ExceptionCode.Should().Be(0x0B);
        frame.TransactionId.Should().Be(7);
    }

    [Theory]
    [InlineData("000100010006" + "1103006B0003", "protocol id 1 is not Modbus")]
    [InlineData("000100000006" + "0003006B0003", "unit id 0 is not a pack address")]
    [InlineData("000100000006" + "1104006B0003", "fn 0x04 is not a register read this bridge makes")]
    [InlineData("000100000007" + "1103006B000300", "the length does not fit a query's shape")]
    [InlineData("000100000006" + "1103006B007E", "126 registers is more than one read carries")]
    public void Skips_frames_outside_the_model_and_counts_their_bytes(string hex, string because)
    {
        var bytes = Convert.FromHexString(hex);
        var counters = new FramingCounters();

        var observed = Observed<ModbusFrame>.Of(Chunks.AsOneChunk([.. bytes, .. SpecQuery]).FrameModbusTcp(counters));

        observed.Items.Should().ContainSingle(because).Which.TransactionId.Should().Be(1);
        counters.DiscardedBytes.Should().Be(bytes.Length);
    }

    [Fact]
    public void Waits_for_the_rest_of_a_frame_and_never_looks_past_it()
    {
        var framerResult = ModbusTcpFramer.TryRead(SpecResponse.AsSpan(0, 10), endOfStream: false, out var consumed, out _, out _);

        framerResult.Should().BeFalse();
        consumed.Should().Be(0, "the header promises 9 more bytes, 4 came so far");
        ModbusTcpFramer.TryRead(SpecResponse.AsSpan(0, 10), endOfStream: true, out consumed, out _, out _).Should().BeFalse();
        consumed.Should().Be(10, "at the end of the stream a frame cut short is garbage");
    }

    [Theory]
    [InlineData("ABCD0000003C", 0x0001, "its unit id (the real frame's first byte, 0x00) is no pack")]
    [InlineData("ABCD000000FE", 0x0101, "its unit id reads (0x01), its function (0x01) is no read")]
    [InlineData("ABCD000000FE", 0x0103, "its unit id and function read (01 03), its byte count (0x00) does not fit its length")]
    public void A_false_header_in_the_tail_of_a_cut_frame_does_not_hold_up_the_frame_behind_it(string tailHex, int transaction, string because)
    {
        // The tail of a frame cut off earlier (register data can hold 00 00 and a length), then a whole
        // reply: the false header promises more bytes than will come, but the bytes that came refute it.
        var tail = Convert.FromHexString(tailHex);
        var reply = ModbusTcpAdu.FromRtu((ushort)transaction, ModbusResponses.Registers(1, [0x1234, 0x5678]));
        byte[] buffer = [.. tail, .. reply];

        ModbusTcpFramer.TryRead(buffer, endOfStream: false, out var consumed, out var frame, out var kind).Should().BeTrue(because);

        (frame.Start, frame.Length, consumed, kind).Should().Be((tail.Length, reply.Length, buffer.Length, ModbusFrameKind.Response));
    }

    [Fact]
    public void A_frame_cut_in_single_bytes_is_read_once_it_is_complete()
    {
        var frames = Observed<ModbusFrame>.Of(Chunks.OfSize(SpecResponse, 1).ToObservable().FrameModbusTcp()).Items;

        frames.Should().ContainSingle().Which.GetRegisters().Should().Equal(0x022B, 0x0000, 0x0064);
    }

    [Fact]
    public void Rtu_frames_that_are_too_short_or_too_long_have_no_modbus_tcp_form()
    {
        ((Action)(() => ModbusTcpAdu.FromRtu(1, [0x01, 0x03, 0x00]))).Should().Throw<ArgumentException>();
        ((Action)(() => ModbusTcpAdu.FromRtu(1, new byte[257]))).Should().Throw<ArgumentException>();
    }
}
