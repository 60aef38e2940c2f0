using FluentAssertions;
using Streams.Devices.Eg4Legacy;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Eg4Legacy;

public sealed class Eg4LegacyFramerTests
{
    [Fact]
    public void Accepts_the_powermon_general_status_reply()
    {
        // Vector eg4lp-7e-readme (slim-bean/powermon README): address 1, command 1, len 88, checksum byte 0x3C.
        var bytes = FramingVectors.Bytes("eg4lp-7e-readme");

        Eg4LegacyFramer.TryRead(bytes, out var consumed, out var bounds).Should().BeTrue();
        bounds.Should().Be(new FrameBounds(0, 94));
        consumed.Should().Be(94);

        Eg4LegacyFrame.TryParse(bytes, out var frame).Should().BeTrue();
        frame!.Kind.Should().Be(Eg4LegacyFrameKind.Reply);
        frame.Address.Should().Be(1);
        frame.Command.Should().Be(1);
        frame.Body.Length.Should().Be(88);
        frame.Checksum.Should().Be(0x3C);
    }

    [Fact]
    public void Accepts_a_firmware_text_reply_which_has_no_groups()
    {
        // 0x33 replies carry ASCII, not the ten groups of a status reply (Eg4LegacyDecoder.DecodeText).
        byte[] bytes = [0x7E, 0x01, 0x33, 0x04, (byte)'V', (byte)'1', (byte)'.', (byte)'7', 0x00, 0x0D];

        Eg4LegacyFramer.TryRead(bytes, out _, out var bounds).Should().BeTrue();
        bounds.Should().Be(new FrameBounds(0, 10));
    }

    [Fact]
    public void Rejects_a_status_reply_whose_body_is_not_ten_groups()
    {
        byte[] bytes = [0x7E, 0x01, 0x01, 0x04, (byte)'V', (byte)'1', (byte)'.', (byte)'7', 0x00, 0x0D];

        Eg4LegacyFramer.TryRead(bytes, endOfStream: true, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Accepts_the_general_status_request()
    {
        // Vector eg4lp-7e-req-general-a1: 7E 01 01 00 FE 0D.
        Eg4LegacyFrame.TryParse(FramingVectors.Bytes("eg4lp-7e-req-general-a1"), out var frame).Should().BeTrue();

        frame!.Kind.Should().Be(Eg4LegacyFrameKind.Request);
        frame.Address.Should().Be(1);
        frame.Checksum.Should().Be(0xFE);
        frame.Body.Length.Should().Be(0);
    }

    [Fact]
    public void A_reply_whose_groups_do_not_fill_the_body_exactly_is_rejected()
    {
        // Grow the first group's count by one: the ten groups then overrun len.
        var bytes = FramingVectors.Bytes("eg4lp-7e-readme");
        bytes[5]++;

        Eg4LegacyFrame.TryParse(bytes, out _).Should().BeFalse();
    }

    [Fact]
    public void A_missing_end_marker_is_rejected()
    {
        var bytes = FramingVectors.Bytes("eg4lp-7e-readme");
        bytes[^1] = 0x0A;

        Eg4LegacyFramer.TryRead(bytes, endOfStream: true, out var consumed, out _).Should().BeFalse();
        consumed.Should().Be(bytes.Length);
    }

    [Fact]
    public void A_body_too_short_for_ten_groups_is_refuted_without_waiting()
    {
        byte[] stream = [0x7E, 0x01, 0x01, 0x10, 0x00];

        Eg4LegacyFramer.TryRead(stream, out var consumed, out _).Should().BeFalse();

        consumed.Should().Be(stream.Length);
    }

    [Fact]
    public void Groups_that_overrun_are_refuted_before_the_body_arrived()
    {
        // len 40, first group claims 30 words: it cannot fit, so nothing is pending.
        byte[] stream = [0x7E, 0x01, 0x01, 40, 0x01, 30, 0x00];

        Eg4LegacyFramer.TryRead(stream, out var consumed, out _).Should().BeFalse();

        consumed.Should().Be(stream.Length);
    }

    [Fact]
    public void A_request_shape_inside_a_reply_still_arriving_is_not_taken_for_a_frame()
    {
        // Group 1 (current) raw 0x7E00 is a plausible -22.56 A; with the words after it the bytes read
        // 7E 00 01 00 0C 0D, a well-formed request, inside a reply that is still arriving.
        var groups = Enumerable.Range(0, 10).Select(g => g switch
        {
            1 => new ushort[] { 0x7E00, 0x0100, 0x0C0D },
            _ => new ushort[] { 0x0D0C },
        }).ToArray();
        var reply = Eg4LegacyFrames.Reply(0x01, 0x01, groups);
        var inside = reply.AsSpan().IndexOf(new byte[] { 0x7E, 0x00, 0x01, 0x00, 0x0C, 0x0D });
        inside.Should().BeGreaterThan(0, "the trap must be in the reply");
        Eg4LegacyFrame.TryParse(reply.AsSpan(inside, 6), out _).Should().BeTrue("the trap is a valid request on its own");

        Eg4LegacyFramer.TryRead(reply.AsSpan(0, inside + 6), out var consumed, out _).Should().BeFalse();
        consumed.Should().Be(0);

        Eg4LegacyFramer.TryRead(reply, out consumed, out var frame).Should().BeTrue();
        frame.Should().Be(new FrameBounds(0, reply.Length));
    }

    [Fact]
    public void A_stale_fragment_does_not_hold_back_the_next_complete_reply()
    {
        var reply = FramingVectors.Bytes("eg4lp-7e-readme");
        byte[] stream = [.. reply[..30], .. reply];

        Eg4LegacyFramer.TryRead(stream, out var consumed, out var frame).Should().BeTrue();

        frame.Should().Be(new FrameBounds(30, reply.Length));
        consumed.Should().Be(stream.Length);
    }

    [Fact]
    public void Finds_the_reply_after_the_echoed_request_and_garbage()
    {
        var request = FramingVectors.Bytes("eg4lp-7e-req-general-a1");
        var reply = FramingVectors.Bytes("eg4lp-7e-readme");
        byte[] stream = [.. request, 0x00, 0xFF, .. reply];

        var found = FramerRuns.ScanAll(stream, (ReadOnlySpan<byte> b, bool end, out int c, out FrameBounds f) =>
            Eg4LegacyFramer.TryRead(b, end, out c, out f));

        found.Should().Equal((0, 6), (8, 94));
    }
}
