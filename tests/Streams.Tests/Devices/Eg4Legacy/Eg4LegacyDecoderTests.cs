using System.Buffers.Binary;
using FluentAssertions;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Eg4Legacy;

public class Eg4LegacyDecoderTests
{
    // Source: slim-bean/powermon README.md (EG4 Protocol section), a captured reply.
    [Fact]
    public void Vector_eg4lp_7e_readme_decodes_to_every_stated_value()
    {
        var vector = FrameVectors.Get("eg4lp-7e-readme");
        var frame = vector.Bytes;

        var status = Eg4LegacyDecoder.DecodeStatus(frame).Value;

        status.Address.Should().Be((byte)vector.Integer("address"));
        frame[2].Should().Be((byte)vector.Integer("command"));
        frame[3].Should().Be((byte)vector.Integer("payload_len"));
        frame[^2].Should().Be((byte)vector.HexNumber("checksum_byte"));
        status.CellMillivolts.Select(mv => mv / 1000.0).Should().Equal(vector.Numbers("cell_voltages_v"));
        status.Current.Should().Be(vector.Number("current_a"));
        status.StateOfCharge.Should().Be(vector.Number("soc_pct"));
        status.FullCapacityAh.Should().Be(vector.Number("full_capacity_ah"));
        status.Temperatures.Select(t => (double)t).Should().Equal(vector.Numbers("temperatures_c"));
        status.Cycles.Should().Be((ushort)vector.Integer("cycles"));
        status.PackVoltage.Should().Be(vector.Number("pack_voltage_v"));
        status.StateOfHealth.Should().Be(vector.Number("soh_pct"));
        status.AlarmWord.Should().Be((ushort)Convert.ToInt32(vector["group6_alarm_raw"][1].GetString(), 16));
    }

    // Same vector: the temperature group carries flag bits in its high byte (0x8042, 0x2042).
    [Fact]
    public void Vector_eg4lp_7e_readme_temperatures_use_the_low_byte_only()
    {
        var vector = FrameVectors.Get("eg4lp-7e-readme");
        var raw = vector["group5_raw_hex"].EnumerateArray().Select(e => Convert.ToInt32(e.GetString(), 16)).ToArray();

        var status = Eg4LegacyDecoder.DecodeStatus(vector.Bytes).Value;

        status.Temperatures.Should().Equal(raw.Select(r => (r & 0xFF) - 50));
    }

    [Fact]
    public void Cell_voltages_are_masked_with_0x3FFF_not_0x7FFF()
    {
        var frame = StatusFrame(cells: [0x4CF3, 0x8CF4, 0x0CF3]);

        var status = Eg4LegacyDecoder.DecodeStatus(frame).Value;

        status.CellMillivolts.Should().Equal((ushort)3315, (ushort)3316, (ushort)3315);
    }

    [Fact]
    public void Alarm_word_is_the_second_word_of_group_5()
    {
        var frame = StatusFrame(alarms: [0xFFFF, 0x0019]);

        var status = Eg4LegacyDecoder.DecodeStatus(frame).Value;

        status.AlarmWord.Should().Be(0x0019);
    }

    [Fact]
    public void Missing_alarm_word_and_empty_health_group_are_null()
    {
        var frame = StatusFrame(alarms: [0], health: []);

        var status = Eg4LegacyDecoder.DecodeStatus(frame).Value;

        status.AlarmWord.Should().BeNull();
        status.StateOfHealth.Should().BeNull();
    }

    [Fact]
    public void Charging_current_is_below_30000()
    {
        var status = Eg4LegacyDecoder.DecodeStatus(StatusFrame(current: 30000 - 1234)).Value;

        status.Current.Should().Be(12.34);
    }

    [Fact]
    public void Wrong_length_byte_is_bad_framing()
    {
        var frame = FrameVectors.Get("eg4lp-7e-readme").Bytes;
        frame[3]++;

        var result = Eg4LegacyDecoder.DecodeStatus(frame);

        result.Error!.Kind.Should().Be(DecodeErrorKind.BadFraming);
        result.Error.Message.Should().Be("EG4 7E reply length byte says 89, frame holds 88");
    }

    [Fact]
    public void Groups_that_do_not_fill_the_payload_exactly_are_bad_framing()
    {
        var frame = FrameVectors.Get("eg4lp-7e-readme").Bytes;
        var grown = frame[..^2].Concat(new byte[] { 0x00, frame[^2], frame[^1] }).ToArray();
        grown[3]++;

        Eg4LegacyDecoder.DecodeStatus(grown).Error!.Message.Should().Be("EG4 7E status: 1 bytes left after the ten groups");
    }

    [Fact]
    public void A_group_with_the_wrong_type_byte_is_bad_framing()
    {
        var frame = FrameVectors.Get("eg4lp-7e-readme").Bytes;
        frame[4] = 0x02;

        Eg4LegacyDecoder.DecodeStatus(frame).Error!.Message.Should().Be("EG4 7E status: group 0 has type 0x02, expected 0x01");
    }

    [Fact]
    public void An_empty_required_group_is_bad_framing()
    {
        var result = Eg4LegacyDecoder.DecodeStatus(StatusFrame(cycles: []));

        result.Error!.Message.Should().Be("EG4 7E status: group 6 (cycles) is empty");
    }

    [Fact]
    public void Missing_markers_are_bad_framing()
    {
        var frame = FrameVectors.Get("eg4lp-7e-readme").Bytes;
        frame[^1] = 0x0A;

        Eg4LegacyDecoder.DecodeStatus(frame).Error!.Kind.Should().Be(DecodeErrorKind.BadFraming);
    }

    [Theory]
    [InlineData((byte)Eg4LegacyCommand.FirmwareVersion, "Z02T04 V1.2")]
    [InlineData((byte)Eg4LegacyCommand.HardwareVersion, "LP4-48100")]
    public void Text_replies_keep_printable_ascii(byte code, string text)
    {
        var command = (Eg4LegacyCommand)code;
        var payload = new byte[] { 0x01, 0x00 }.Concat(System.Text.Encoding.ASCII.GetBytes(text)).Concat(new byte[] { 0xB5, 0x00 }).ToArray();
        var frame = Envelope(2, (byte)command, payload);

        var reply = Eg4LegacyDecoder.DecodeText(frame, command).Value;

        reply.Address.Should().Be(2);
        reply.Command.Should().Be((byte)command);
        reply.Text.Should().Be(text);
    }

    [Fact]
    public void A_text_reply_to_another_command_is_unexpected()
    {
        var frame = Envelope(1, 0x42, [0x41]);

        Eg4LegacyDecoder.DecodeText(frame, Eg4LegacyCommand.FirmwareVersion).Error!.Kind.Should().Be(DecodeErrorKind.UnexpectedReply);
    }

    internal static byte[] StatusFrame(
        ushort[]? cells = null,
        ushort current = 30000,
        ushort[]? alarms = null,
        ushort[]? cycles = null,
        ushort[]? health = null)
    {
        ushort[][] groups =
        [
            cells ?? [3300, 3301],
            [current],
            [8860],
            [10000],
            [0x41, 0x42],
            alarms ?? [0, 0],
            cycles ?? [7],
            [5305],
            health ?? [10000],
            [0],
        ];
        var payload = new List<byte>();
        for (var i = 0; i < groups.Length; i++)
        {
            payload.Add((byte)(i + 1));
            payload.Add((byte)groups[i].Length);
            foreach (var word in groups[i])
            {
                var bytes = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(bytes, word);
                payload.AddRange(bytes);
            }
        }

        return Envelope(1, 0x01, payload.ToArray());
    }

    /// <summary>7E addr cmd len payload chk 0D with a placeholder checksum (nobody knows the algorithm).</summary>
    internal static byte[] Envelope(byte address, byte command, byte[] payload) =>
        [0x7E, address, command, (byte)payload.Length, .. payload, 0x00, 0x0D];
}
