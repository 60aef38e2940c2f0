using FluentAssertions;
using Streams.Core;
using Streams.Devices.Modbus.Sniffing;
using Streams.HomeAssistant;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// The per-reading shortcuts (the previous reading's field specs tried first, names encoded once per
/// announced list) give the same result as working it all out again, and notice when the list changes.
/// </summary>
public class PerReadingCacheTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly DeviceInfo Pack = new("pack", "test", "Maker", "Model");
    private static readonly FieldSpec A = new("a", "A");
    private static readonly FieldSpec B = new("b", "B");
    private static readonly FieldSpec C = new("c", "C");

    [Fact]
    public void The_state_writer_picks_up_a_field_added_to_the_announced_list()
    {
        var announced = new List<FieldSpec> { A, B };
        StatePayload.Build(Reading(A.With(1), B.With(2)), announced).Should().Be("""{"a":1,"b":2,"timestamp":"2026-12-02T03:00:00Z"}""");

        announced.Add(C);

        StatePayload.Build(Reading(A.With(1), B.With(2), C.With(3)), announced).Should().Be("""{"a":1,"b":2,"c":3,"timestamp":"2026-12-02T03:00:00Z"}""");
        StatePayload.Build(Reading(A.With(1)), announced).Should().Be("""{"a":1,"b":null,"c":null,"timestamp":"2026-12-02T03:00:00Z"}""");
    }

    [Fact]
    public void The_state_writer_re_encodes_a_name_whose_spec_was_replaced()
    {
        var announced = new List<FieldSpec> { A, B };
        StatePayload.Build(Reading(A.With(1), B.With(2)), announced);

        announced[1] = C;

        StatePayload.Build(Reading(A.With(1), C.With(3)), announced).Should().Be("""{"a":1,"c":3,"timestamp":"2026-12-02T03:00:00Z"}""");
    }

    [Fact]
    public void The_state_writer_writes_a_key_announced_twice_once_after_the_list_changed()
    {
        var announced = new List<FieldSpec> { A, B };
        StatePayload.Build(Reading(A.With(1)), announced);

        announced[1] = new FieldSpec("a", "A again");

        StatePayload.Build(Reading(A.With(1)), announced).Should().Be("""{"a":1,"timestamp":"2026-12-02T03:00:00Z"}""");
    }

    [Fact]
    public void A_device_entry_reports_a_new_field_after_readings_with_the_same_specs()
    {
        var entry = new DeviceEntry("pack", "pack", Pack);
        entry.Merge(Reading(A.With(1), B.With(2))).Should().BeTrue("first sight of both keys");
        entry.Merge(Reading(A.With(3), B.With(4))).Should().BeFalse("the same specs again");

        entry.Merge(Reading(A.With(5), C.With(6))).Should().BeTrue("c is new, with the same field count");
        entry.Merge(Reading(A.With(5), new FieldSpec("b", "B, another instance").With(6))).Should().BeFalse("b is known by its key");

        entry.Fields.Select(f => f.Key).Should().Equal("a", "b", "c");
    }

    [Fact]
    public void A_sniffed_slave_follows_a_decoded_block_whose_specs_change_at_the_same_length()
    {
        var slave = new SniffedSlave(Pack);
        slave.Decoded([A.With(1), B.With(2)]);
        slave.Decoded([A.With(3), B.With(4)]);
        slave.Fields().Should().Equal(A.With(3), B.With(4));

        slave.Decoded([A.With(5), C.With(6)]);

        slave.Fields().Should().Equal(A.With(5), C.With(6));
        slave.HasDecodedBlock.Should().BeTrue();
    }

    [Fact]
    public void A_raw_field_taken_out_of_the_decoded_block_survives_the_next_block_failing()
    {
        var slave = new SniffedSlave(Pack);
        slave.Decoded([A.With(1), B.With(2)]);
        slave.Raw([B.With(7)]);

        slave.ForgetDecoded();

        slave.Fields().Should().Equal(B.With(7));
        slave.HasDecodedBlock.Should().BeFalse();
    }

    private static Reading Reading(params FieldValue[] fields) => new(Pack, At, fields);
}

internal static class FieldSpecTestExtensions
{
    public static FieldValue With(this FieldSpec spec, double value) => FieldValue.Of(spec, value);
}
