using FluentAssertions;
using Streams.Devices.Jbd;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd;

public sealed class JbdFramerTests
{
    // Every DD … 77 vector of frames.json (syssi/esphome-jbd-bms captures and the JBD protocol PDF).
    public static TheoryData<string, int, byte, byte, int> Vectors => new()
    {
        { "jbd-req-03", (int)JbdFrameKind.ReadRequest, 0x03, 0x00, 0 },
        { "jbd-req-04", (int)JbdFrameKind.ReadRequest, 0x04, 0x00, 0 },
        { "jbd-req-05", (int)JbdFrameKind.ReadRequest, 0x05, 0x00, 0 },
        { "jbd-write-e1-0", (int)JbdFrameKind.WriteRequest, 0xE1, 0x00, 2 },
        { "jbd-write-e1-1", (int)JbdFrameKind.WriteRequest, 0xE1, 0x00, 2 },
        { "jbd-write-e1-2", (int)JbdFrameKind.WriteRequest, 0xE1, 0x00, 2 },
        { "jbd-write-e1-3", (int)JbdFrameKind.WriteRequest, 0xE1, 0x00, 2 },
        { "jbd-ack-e1", (int)JbdFrameKind.Response, 0xE1, 0x00, 0 },
        { "jbd-03-sp04s034-a", (int)JbdFrameKind.Response, 0x03, 0x00, 0x1D },
        { "jbd-04-sp04s034-a", (int)JbdFrameKind.Response, 0x04, 0x00, 8 },
        { "jbd-03-protocol-doc", (int)JbdFrameKind.Response, 0x03, 0x00, 0x1B },
        { "jbd-04-protocol-doc", (int)JbdFrameKind.Response, 0x04, 0x00, 0x1E },
        { "jbd-05-protocol-doc", (int)JbdFrameKind.Response, 0x05, 0x00, 10 },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Accepts_every_real_frame_with_its_kind_register_and_data(string vectorId, int kindValue, byte register, byte status, int dataLength)
    {
        var kind = (JbdFrameKind)kindValue;
        var bytes = FramingVectors.Bytes(vectorId);

        JbdFramer.TryRead(bytes, out var consumed, out var bounds).Should().BeTrue();
        bounds.Should().Be(new FrameBounds(0, bytes.Length));
        consumed.Should().Be(bytes.Length);

        JbdFrame.TryParse(bytes, out var frame).Should().BeTrue();
        frame!.Kind.Should().Be(kind);
        frame.Register.Should().Be(register);
        frame.Status.Should().Be(status);
        frame.Data.Length.Should().Be(dataLength);
        frame.IsError.Should().BeFalse();
    }

    [Fact]
    public void The_write_vector_carries_its_value_as_data()
    {
        // Vector jbd-write-e1-3: value 3 = both FETs off.
        JbdFrame.TryParse(FramingVectors.Bytes("jbd-write-e1-3"), out var frame).Should().BeTrue();

        frame!.Data.ToArray().Should().Equal(0x00, 0x03);
    }

    [Fact]
    public void A_flipped_checksum_byte_is_rejected()
    {
        var bytes = FramingVectors.Bytes("jbd-04-sp04s034-a");
        bytes[^2] ^= 0x01;

        JbdFramer.TryRead(bytes, endOfStream: true, out var consumed, out _).Should().BeFalse();
        consumed.Should().Be(bytes.Length);
    }

    [Fact]
    public void The_register_echo_is_not_summed_but_the_status_is()
    {
        // protocols.md §4: changing byte 1 of a response keeps the checksum valid, changing byte 2 breaks it.
        var echoChanged = FramingVectors.Bytes("jbd-04-sp04s034-a");
        echoChanged[1] = 0x05;
        var statusChanged = FramingVectors.Bytes("jbd-04-sp04s034-a");
        statusChanged[2] = 0x80;

        JbdFrame.TryParse(echoChanged, out _).Should().BeTrue();
        JbdFrame.TryParse(statusChanged, out _).Should().BeFalse();
    }

    [Fact]
    public void An_error_status_is_reported()
    {
        JbdFrame.TryParse(JbdFrames.Response(0x03, 0x80), out var frame).Should().BeTrue();

        frame!.IsError.Should().BeTrue();
        frame.Status.Should().Be(0x80);
    }

    [Fact]
    public void Ble_auth_frames_are_not_jbd_frames()
    {
        // Vectors jbd-auth-*: FF AA … frames of the BLE password handshake share the link but not the framing.
        var auth = FramingVectors.Ids("jbd_ble_auth").SelectMany(FramingVectors.Bytes).ToArray();

        JbdFramer.TryRead(auth, endOfStream: true, out var consumed, out _).Should().BeFalse();
        consumed.Should().Be(auth.Length);
    }

    [Fact]
    public void A_cut_frame_is_pending_with_the_garbage_before_it_dropped()
    {
        var frame = FramingVectors.Bytes("jbd-03-sp04s034-a");
        byte[] stream = [0x00, 0x77, .. frame[..20]];

        JbdFramer.TryRead(stream, out var consumed, out _).Should().BeFalse();

        consumed.Should().Be(2);
    }

    [Fact]
    public void A_stale_fragment_does_not_hold_back_the_next_complete_reply()
    {
        // What a dropped BLE link leaves behind: the head of a basic-info reply, then a whole cell reply.
        var stale = FramingVectors.Bytes("jbd-03-sp04s034-a")[..12];
        var cells = FramingVectors.Bytes("jbd-04-sp04s034-a");
        byte[] stream = [.. stale, .. cells];

        JbdFramer.TryRead(stream, out var consumed, out var bounds).Should().BeTrue();

        bounds.Should().Be(new FrameBounds(stale.Length, cells.Length));
        consumed.Should().Be(stream.Length);
    }

    [Fact]
    public void Does_not_allocate_while_scanning()
    {
        var stream = FramingVectors.Bytes("jbd-04-protocol-doc");
        JbdFramer.TryRead(stream, out _, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();

        JbdFramer.TryRead(stream, out _, out _);

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
