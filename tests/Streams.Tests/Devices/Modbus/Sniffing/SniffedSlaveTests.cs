using FluentAssertions;
using Streams.Core;
using Streams.Devices.Modbus.Sniffing;
using Streams.Tests.HomeAssistant;
using Xunit;

namespace Streams.Tests.Devices.Modbus.Sniffing;

/// <summary>
/// A sniffed slave's reading is the decoded block's own list when the slave knows nothing else,
/// put in the order the fields were first seen when one of them came late; never a list an earlier
/// reading holds.
/// </summary>
public class SniffedSlaveTests
{
    private static readonly DeviceInfo Pack = new("pack", "test", "Maker", "Model");
    private static readonly FieldSpec A = new("a", "A");
    private static readonly FieldSpec B = new("b", "B");
    private static readonly FieldSpec C = new("c", "C");
    private static readonly FieldSpec D = new("d", "D");

    [Fact]
    public void A_block_with_a_late_field_is_its_own_reading_in_the_order_first_seen()
    {
        var slave = new SniffedSlave(Pack);
        slave.Decoded(Block(A.With(1), B.With(2)));
        slave.Fields();
        var block = Block(A.With(3), C.With(4), B.With(5));

        slave.Decoded(block);
        var reading = slave.Fields();

        reading.Should().BeSameAs(block, "the block's list, put in order, not a copy");
        reading.Should().Equal(A.With(3), B.With(5), C.With(4));
        slave.Fields().Should().BeSameAs(block).And.Equal(A.With(3), B.With(5), C.With(4));
    }

    [Fact]
    public void Readings_handed_out_keep_their_values_and_order_while_later_blocks_are_put_in_order()
    {
        var slave = new SniffedSlave(Pack);
        slave.Decoded(Block(A.With(1), B.With(2)));
        var first = slave.Fields();
        slave.Decoded(Block(A.With(3), C.With(4), B.With(5)));
        var second = slave.Fields();

        slave.Decoded(Block(D.With(6), A.With(7), C.With(8), B.With(9)));
        var third = slave.Fields();
        slave.Decoded(Block(C.With(10), B.With(11), A.With(12)));
        var fourth = slave.Fields();

        first.Should().Equal(A.With(1), B.With(2));
        second.Should().Equal(A.With(3), B.With(5), C.With(4));
        third.Should().Equal(A.With(7), B.With(9), C.With(8), D.With(6));
        fourth.Should().Equal(A.With(12), B.With(11), C.With(10));
    }

    [Fact]
    public void A_block_that_is_not_a_list_is_copied_into_order_and_left_as_it_was()
    {
        var slave = new SniffedSlave(Pack);
        slave.Decoded(Block(A.With(1), B.With(2)));
        FieldValue[] block = [B.With(3), C.With(4), A.With(5)];

        slave.Decoded(block);

        slave.Fields().Should().Equal(A.With(5), B.With(3), C.With(4));
        block.Should().Equal(B.With(3), C.With(4), A.With(5));
    }

    [Fact]
    public void With_raw_fields_beside_the_block_the_reading_is_a_copy_and_the_block_is_untouched()
    {
        var slave = new SniffedSlave(Pack);
        slave.Decoded(Block(A.With(1), B.With(2)));
        slave.Raw([D.With(9)]);
        var block = Block(C.With(3), A.With(4), B.With(5));

        slave.Decoded(block);

        slave.Fields().Should().NotBeSameAs(block).And.Equal(A.With(4), B.With(5), D.With(9), C.With(3));
        block.Should().Equal(C.With(3), A.With(4), B.With(5));
    }

    [Fact]
    public void The_same_block_read_again_replaces_its_values_and_is_forgotten_whole()
    {
        var slave = new SniffedSlave(Pack);
        slave.Raw([D.With(9)]);
        slave.Decoded(Block(A.With(1), B.With(2)));
        slave.Decoded(Block(A.With(3), B.With(4)));

        slave.Fields().Should().Equal(D.With(9), A.With(3), B.With(4));
        slave.ForgetDecoded();
        slave.Fields().Should().Equal(D.With(9));
        slave.HasDecodedBlock.Should().BeFalse();
    }

    [Fact]
    public void A_block_read_again_after_a_raw_read_took_one_of_its_registers_takes_it_back()
    {
        var slave = new SniffedSlave(Pack);
        slave.Decoded(Block(A.With(1), B.With(2)));
        slave.Raw([B.With(7)]);
        slave.Fields().Should().Equal(A.With(1), B.With(7));

        slave.Decoded(Block(A.With(3), B.With(4)));
        slave.Fields().Should().Equal(A.With(3), B.With(4));
        slave.ForgetDecoded();

        slave.Fields().Should().BeEmpty("b came with the block again, and went with it");
    }

    [Fact]
    public void Raw_reads_after_a_block_put_in_order_see_its_values_where_they_are()
    {
        var slave = new SniffedSlave(Pack);
        slave.Decoded(Block(A.With(1), B.With(2)));
        slave.Decoded(Block(A.With(3), C.With(4), B.With(5)));
        var reading = slave.Fields();

        slave.Raw([D.With(6)]);
        slave.Fields().Should().Equal(A.With(3), B.With(5), C.With(4), D.With(6));
        slave.Raw([B.With(7)]);
        slave.Fields().Should().Equal(A.With(3), B.With(7), C.With(4), D.With(6));

        reading.Should().Equal(A.With(3), B.With(5), C.With(4));
        slave.HasDecodedBlock.Should().BeTrue();
    }

    [Fact]
    public void A_block_with_a_key_twice_keeps_the_later_value()
    {
        var slave = new SniffedSlave(Pack);

        slave.Decoded(Block(A.With(1), B.With(2), A.With(3)));

        slave.Fields().Should().Equal(A.With(3), B.With(2));
    }

    private static List<FieldValue> Block(params FieldValue[] fields) => [.. fields];
}
