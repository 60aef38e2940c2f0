using System.Reactive.Linq;
using FluentAssertions;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Framing;

public sealed class FramingExtensionsTests
{
    [Fact]
    public void Frames_the_captured_sniff_stream_byte_by_byte()
    {
        // Vector modbus-sniff-stream-req-resp fed one byte per chunk, as a slow serial read would.
        var stream = FramingVectors.Bytes("modbus-sniff-stream-req-resp");

        var observed = Observed<ModbusFrame>.Of(Chunks.OfSize(stream, 1).ToObservable().FrameModbusRtu());

        observed.Completed.Should().BeTrue();
        observed.Items.Select(f => (f.Kind, f.Length)).Should().Equal((ModbusFrameKind.Query, 8), (ModbusFrameKind.Response, 37));
    }

    [Fact]
    public void Emitted_frames_are_owned_copies_of_the_chunk_bytes()
    {
        var chunk = FramingVectors.Bytes("eg4-bus-resp-6500ex");
        var frames = new List<ModbusFrame>();
        using (Observable.Return<ReadOnlyMemory<byte>>(chunk).FrameModbusRtu().Subscribe(frames.Add))
        {
        }

        Array.Fill(chunk, (byte)0xAA);

        frames.Should().ContainSingle().Which.GetRegister(0).Should().Be(0x67);
    }

    [Fact]
    public void Counts_a_damaged_reply_right_after_its_query_as_a_crc_failure()
    {
        // The sniff-stream query followed by vector modbus-neg-badcrc-resp: the reply the query expects, CRC broken.
        var query = FramingVectors.Bytes("modbus-sniff-stream-req-resp")[..8];
        byte[] stream = [.. query, .. FramingVectors.Bytes("modbus-neg-badcrc-resp")];
        var counters = new FramingCounters();

        var observed = Observed<ModbusFrame>.Of(Chunks.OfSize(stream, 5).ToObservable().FrameModbusRtu(counters: counters));

        observed.Items.Should().ContainSingle().Which.Kind.Should().Be(ModbusFrameKind.Query);
        counters.Snapshot().Should().Be(new FramingStatistics(Frames: 1, DiscardedBytes: 37, ChecksumFailures: 1));
    }

    [Fact]
    public void Noise_that_merely_contains_0x03_is_not_a_crc_failure()
    {
        byte[] noise = [0x10, 0x03, 0x20, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        byte[] stream = [.. FramingVectors.Bytes("eg4ll-req-status-a1"), .. ModbusFrames.Exception(0x01, 2), .. noise];
        var counters = new FramingCounters();

        Observed<ModbusFrame>.Of(Chunks.AsOneChunk(stream).FrameModbusRtu(counters: counters));

        counters.Snapshot().Should().Be(new FramingStatistics(Frames: 2, DiscardedBytes: noise.Length, ChecksumFailures: 0));
    }

    [Fact]
    public void A_huge_chunk_of_noise_passes_through_a_bounded_buffer()
    {
        var noise = new byte[3 * 1024 * 1024];
        new Random(11).NextBytes(noise);
        byte[] stream = [.. noise, .. FramingVectors.Bytes("eg4ll-wombatt-info")];
        var counters = new FramingCounters();

        var observed = Observed<ModbusFrame>.Of(Chunks.AsOneChunk(stream).FrameModbusRtu(counters: counters));

        observed.Error.Should().BeNull();
        observed.Items.Should().Contain(f => f.Address == 2 && f.RegisterCount == 39);
        (observed.Items.Sum(f => (long)f.Length) + counters.DiscardedBytes).Should().Be(stream.Length);
    }

    [Fact]
    public void A_source_error_passes_through_after_the_frames_before_it()
    {
        var failure = new IOException("port closed");
        var source = Observable.Return<ReadOnlyMemory<byte>>(FramingVectors.Bytes("eg4ll-req-status-a1"))
            .Concat(Observable.Throw<ReadOnlyMemory<byte>>(failure));

        var observed = Observed<ModbusFrame>.Of(source.FrameModbusRtu());

        observed.Items.Should().ContainSingle();
        observed.Error.Should().BeSameAs(failure);
    }

    [Fact]
    public void Bytes_still_waiting_at_completion_are_counted_as_discarded()
    {
        var query = FramingVectors.Bytes("eg4ll-req-status-a1");
        var counters = new FramingCounters();

        var observed = Observed<JbdFrame>.Of(Chunks.AsOneChunk([.. FramingVectors.Bytes("jbd-req-03"), 0xDD, 0xA5, 0x03]).FrameJbd(counters));
        var modbus = Observed<ModbusFrame>.Of(Chunks.AsOneChunk(query[..6]).FrameModbusRtu(counters: new FramingCounters()));

        observed.Completed.Should().BeTrue();
        observed.Items.Should().ContainSingle();
        counters.DiscardedBytes.Should().Be(3);
        modbus.Items.Should().BeEmpty();
        modbus.Completed.Should().BeTrue();
    }

    [Fact]
    public void Jbd_vectors_in_20_byte_notifications_with_garbage_between_come_out_in_order()
    {
        // Every DD … 77 vector of frames.json, each followed by two garbage bytes, cut as BLE notifications.
        var ids = FramingVectors.Ids("jbd");
        var stream = ids.SelectMany(id => FramingVectors.Bytes(id).Concat(new byte[] { 0x00, 0xDD })).ToArray();

        var observed = Observed<JbdFrame>.Of(Chunks.OfSize(stream, 20).ToObservable().FrameJbd());

        observed.Items.Select(f => Convert.ToHexString(f.Bytes.Span))
            .Should().Equal(ids.Select(id => Convert.ToHexString(FramingVectors.Bytes(id))));
    }

    [Fact]
    public void A_damaged_jbd_reply_right_after_a_frame_is_a_checksum_failure()
    {
        var damaged = FramingVectors.Bytes("jbd-03-protocol-doc");
        damaged[10] ^= 0x40;
        byte[] stream = [.. FramingVectors.Bytes("jbd-req-03"), .. damaged, .. FramingVectors.Bytes("jbd-req-04")];
        var counters = new FramingCounters();

        var observed = Observed<JbdFrame>.Of(Chunks.OfSize(stream, 20).ToObservable().FrameJbd(counters));

        observed.Items.Should().HaveCount(2);
        counters.Snapshot().Should().Be(new FramingStatistics(Frames: 2, DiscardedBytes: damaged.Length, ChecksumFailures: 1));
    }

    [Fact]
    public void The_eg4_reply_is_framed_across_chunks()
    {
        // Vector eg4lp-7e-readme after its request (eg4lp-7e-req-general-a1), in 16-byte reads.
        byte[] stream = [.. FramingVectors.Bytes("eg4lp-7e-req-general-a1"), .. FramingVectors.Bytes("eg4lp-7e-readme")];

        var observed = Observed<Eg4LegacyFrame>.Of(Chunks.OfSize(stream, 16).ToObservable().FrameEg4Legacy());

        observed.Items.Select(f => f.Kind).Should().Equal(Eg4LegacyFrameKind.Request, Eg4LegacyFrameKind.Reply);
    }

    [Fact]
    public void Each_subscription_has_its_own_reassembly_state()
    {
        var stream = FramingVectors.Bytes("modbus-sniff-stream-req-resp");
        var frames = Chunks.OfSize(stream, 3).ToObservable().FrameModbusRtu();

        var first = Observed<ModbusFrame>.Of(frames);
        var second = Observed<ModbusFrame>.Of(frames);

        second.Items.Select(f => f.Length).Should().Equal(first.Items.Select(f => f.Length)).And.Equal(8, 37);
    }

    [Fact]
    public void Operators_validate_their_source_eagerly()
    {
        IObservable<ReadOnlyMemory<byte>> none = null!;

        ((Action)(() => none.FrameModbusRtu())).Should().Throw<ArgumentNullException>();
        ((Action)(() => none.FrameJbd())).Should().Throw<ArgumentNullException>();
        ((Action)(() => none.FrameEg4Legacy())).Should().Throw<ArgumentNullException>();
    }
}
