using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

public sealed class ModbusRtuScannerTests
{
    private static readonly byte[] SniffStream = FramingVectors.Bytes("modbus-sniff-stream-req-resp");

    [Fact]
    public void Splits_the_captured_back_to_back_query_and_response()
    {
        // Vector modbus-sniff-stream-req-resp: frames at offset 0 (8, request) and 8 (37, response), no gap.
        ModbusRtuScanner.TryRead(SniffStream, out var consumed, out var first, out var firstKind).Should().BeTrue();
        first.Should().Be(new FrameBounds(0, 8));
        firstKind.Should().Be(ModbusFrameKind.Query);
        consumed.Should().Be(8);

        ModbusRtuScanner.TryRead(SniffStream.AsSpan(consumed), out consumed, out var second, out var secondKind).Should().BeTrue();
        second.Should().Be(new FrameBounds(0, 37));
        secondKind.Should().Be(ModbusFrameKind.Response);
        consumed.Should().Be(37);
    }

    [Fact]
    public void Finds_every_real_response_vector_alone()
    {
        foreach (var id in new[] { "eg4ll-wombatt-info", "eg4-bus-resp-6500ex" })
        {
            var bytes = FramingVectors.Bytes(id);

            ModbusRtuScanner.TryRead(bytes, out var consumed, out var frame, out var kind).Should().BeTrue(id);

            frame.Should().Be(new FrameBounds(0, bytes.Length), id);
            kind.Should().Be(ModbusFrameKind.Response, id);
            consumed.Should().Be(bytes.Length, id);
        }
    }

    [Fact]
    public void Never_accepts_the_negative_bad_crc_vector()
    {
        var bytes = FramingVectors.Bytes("modbus-neg-badcrc-resp");

        var found = ModbusRtuScanner.TryRead(bytes, endOfStream: true, out var consumed, out _, out _);

        found.Should().BeFalse();
        consumed.Should().Be(bytes.Length, "at the end of the stream every byte of it is garbage");
    }

    [Fact]
    public void Skips_garbage_before_a_frame_and_reports_where_the_frame_is()
    {
        byte[] stream = [0xFF, 0x03, 0x00, 0x55, .. FramingVectors.Bytes("eg4ll-req-status-a1")];

        ModbusRtuScanner.TryRead(stream, out var consumed, out var frame, out var kind).Should().BeTrue();

        frame.Should().Be(new FrameBounds(4, 8));
        kind.Should().Be(ModbusFrameKind.Query);
        consumed.Should().Be(12);
    }

    [Fact]
    public void A_cut_frame_is_pending_and_the_garbage_before_it_can_go()
    {
        var query = FramingVectors.Bytes("eg4ll-req-status-a1");
        byte[] stream = [0x11, 0x22, .. query[..5]];

        ModbusRtuScanner.TryRead(stream, out var consumed, out _, out _).Should().BeFalse();

        consumed.Should().Be(2, "the query may still complete at offset 2");
    }

    [Fact]
    public void A_cut_frame_at_the_end_of_the_stream_is_garbage()
    {
        var query = FramingVectors.Bytes("eg4ll-req-status-a1")[..7];

        ModbusRtuScanner.TryRead(query, endOfStream: true, out var consumed, out _, out _).Should().BeFalse();

        consumed.Should().Be(7);
    }

    [Fact]
    public void A_seven_byte_response_is_decided_by_the_byte_after_it_or_the_end_of_the_stream()
    {
        // 04 03 02 00 00 74 44: register 0 of unit 4. Bytes 4..5 (00 74) are also a plausible query
        // count, so with an eighth byte it could be a query, the longer candidate: the sniffer waits.
        byte[] response = [0x04, 0x03, 0x02, 0x00, 0x00, 0x74, 0x44];

        ModbusRtuScanner.TryRead(response, out var consumed, out _, out _).Should().BeFalse();
        consumed.Should().Be(0);

        ModbusRtuScanner.TryRead([.. response, 0x04], out consumed, out var frame, out var kind).Should().BeTrue();
        kind.Should().Be(ModbusFrameKind.Response);
        frame.Should().Be(new FrameBounds(0, 7));
        consumed.Should().Be(7);

        ModbusRtuScanner.TryRead(response, endOfStream: true, out _, out frame, out _).Should().BeTrue();
        frame.Should().Be(new FrameBounds(0, 7));
    }

    [Fact]
    public void A_one_register_response_that_cannot_be_a_query_is_accepted_at_once()
    {
        // protocols.md §1 vector: 01 03 02 00 0A 38 43. Bytes 4..5 (0A 38) are no query count (1..125).
        byte[] response = [0x01, 0x03, 0x02, 0x00, 0x0A, 0x38, 0x43];

        ModbusRtuScanner.TryRead(response, out var consumed, out var frame, out var kind).Should().BeTrue();

        kind.Should().Be(ModbusFrameKind.Response);
        frame.Should().Be(new FrameBounds(0, 7));
        consumed.Should().Be(7);
    }

    [Fact]
    public void A_query_whose_first_seven_bytes_pass_as_a_response_stays_a_query()
    {
        // Found by the sniffer property: 7B 03 02 AE 00 1D EE 00 reads 29 registers from 0x02AE. Its CRC
        // ends in 0x00, so its 7-byte prefix also has a valid CRC as a one-register response.
        byte[] query = [0x7B, 0x03, 0x02, 0xAE, 0x00, 0x1D, 0xEE, 0x00];
        ModbusCrc16.IsValidFrame(query[..7]).Should().BeTrue("this is the trap");

        ModbusRtuScanner.TryRead([.. query, 0x7B], out var consumed, out var frame, out var kind).Should().BeTrue();

        kind.Should().Be(ModbusFrameKind.Query);
        frame.Should().Be(new FrameBounds(0, 8));
        consumed.Should().Be(8);
    }

    [Fact]
    public void A_response_whose_first_eight_bytes_pass_as_a_query_stays_a_response()
    {
        // 01 03 04 00 00 01 85 3A 00 holds registers 0x0000, 0x0185; its first 8 bytes are a valid query
        // (start 0x0400, count 1) because the response's CRC ends in 0x00.
        byte[] response = [0x01, 0x03, 0x04, 0x00, 0x00, 0x01, 0x85, 0x3A, 0x00];
        ModbusFrame.TryParse(response[..8], out var trap).Should().BeTrue();
        trap!.Kind.Should().Be(ModbusFrameKind.Query);

        ModbusRtuScanner.TryRead(response, out var consumed, out var frame, out var kind).Should().BeTrue();

        kind.Should().Be(ModbusFrameKind.Response);
        frame.Should().Be(new FrameBounds(0, 9));
        consumed.Should().Be(9);
    }

    [Fact]
    public void Two_queries_back_to_back_are_not_read_as_one_response()
    {
        // Found by a 2-million-frame soak: 44 03 0A 80 … could start a 15-byte response, and the first
        // query plus the second without its last byte (1B) has a valid CRC. The byte after the first
        // query is a unit address, so the first query stands.
        byte[] first = Convert.FromHexString("44030A800052C892");
        byte[] second = Convert.FromHexString("9A0361D40056861B");
        ModbusCrc16.IsValidFrame([.. first, .. second[..7]]).Should().BeTrue("this is the trap");

        var found = FramerRuns.ScanAll([.. first, .. second], (ReadOnlySpan<byte> b, bool end, out int c, out FrameBounds f) =>
            ModbusRtuScanner.TryRead(b, end, out c, out f, out _));

        found.Should().Equal((0, 8), (8, 8));
    }

    [Fact]
    public void A_valid_frame_followed_by_0x00_is_read_as_the_frame_one_byte_longer_when_that_shape_exists()
    {
        // The CRC cannot tell "query + stray 0x00" from "9-byte response whose CRC ends in 00": both
        // pass. A real frame ending in 00 (1 in 256) is likelier than a stray 00 on a healthy bus.
        byte[] query = Convert.FromHexString("36030432002E616E");

        ModbusRtuScanner.TryRead([.. query, 0x00, 0x36], out _, out var frame, out var kind).Should().BeTrue();

        kind.Should().Be(ModbusFrameKind.Response);
        frame.Should().Be(new FrameBounds(0, 9));
    }

    [Fact]
    public void Finds_an_exception_response()
    {
        var exception = ModbusFrames.Exception(0x40, 0x02);

        ModbusRtuScanner.TryRead(exception, out _, out var frame, out var kind).Should().BeTrue();

        kind.Should().Be(ModbusFrameKind.Exception);
        frame.Length.Should().Be(5);
    }

    [Fact]
    public void Garbage_shaped_like_a_long_response_holds_later_frames_back_until_it_is_refuted()
    {
        // 01 03 F0 announces a 245-byte response; the real query behind it must wait, not be lost.
        var query = FramingVectors.Bytes("eg4ll-req-status-a1");
        byte[] stream = [0x01, 0x03, 0xF0, .. query];

        ModbusRtuScanner.TryRead(stream, out var consumed, out _, out _).Should().BeFalse();
        consumed.Should().Be(0);

        ModbusRtuScanner.TryRead(stream, endOfStream: true, out consumed, out var frame, out _).Should().BeTrue();
        frame.Should().Be(new FrameBounds(3, 8));
        consumed.Should().Be(11);
    }

    [Fact]
    public void An_empty_or_one_byte_buffer_needs_more_data()
    {
        ModbusRtuScanner.TryRead([], out var consumed, out _, out _).Should().BeFalse();
        consumed.Should().Be(0);

        ModbusRtuScanner.TryRead([0x01], out consumed, out _, out _).Should().BeFalse();
        consumed.Should().Be(0);
    }

    [Fact]
    public void Does_not_allocate_while_scanning()
    {
        var stream = new byte[4096];
        new Random(7).NextBytes(stream);
        ModbusRtuScanner.TryRead(stream, out _, out _, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();

        ModbusRtuScanner.TryRead(stream, endOfStream: true, out _, out _, out _);
        ModbusRtuScanner.TryRead(SniffStream, out _, out _, out _);

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
