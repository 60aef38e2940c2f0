using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices;

public class ProblemSummaryTests
{
    [Fact]
    public void The_summary_is_on_when_any_bit_is_set_and_names_the_set_ones_in_order()
    {
        var fields = new FieldListBuilder(8)
            .AddBits(0x0003, Eg4LlFields.Warnings)
            .AddBits(0x0000, Eg4LlFields.Protections)
            .AddBits(0x0010, Eg4LlFields.Errors)
            .Build();

        fields.Single(f => f.Spec == CommonFields.Problem).Flag.Should().BeTrue();
        fields.Single(f => f.Spec == CommonFields.ActiveProblems).Text.Should().Be("Pack overvoltage warning, Cell overvoltage warning, Cell unbalance error");
    }

    [Fact]
    public void No_bit_set_is_off_and_none_and_a_reading_without_bits_has_no_summary()
    {
        var clear = new FieldListBuilder(4).AddBits(0, Eg4LlFields.Errors).Build();
        var withoutBits = new FieldListBuilder(2).Add(CommonFields.PackVoltage, 53.1).Build();

        clear.Single(f => f.Spec == CommonFields.Problem).Flag.Should().BeFalse();
        clear.Single(f => f.Spec == CommonFields.ActiveProblems).Text.Should().Be(ProblemSummary.None);
        withoutBits.Should().NotContain(f => CommonFields.ProblemSummaryFields.Contains(f.Spec));
    }

    [Fact]
    public void Packs_read_in_turn_each_get_back_the_text_of_their_own_last_reading()
    {
        static string Text(uint warnings) =>
            new FieldListBuilder(16).AddBits(warnings, Eg4LlFields.Warnings).Build().Single(f => f.Spec == CommonFields.ActiveProblems).Text!;

        // Four packs on one bus, each with problems of its own, read round after round.
        uint[] packs = [0x0001, 0x0006, 0x0018, 0x0003];
        var first = packs.Select(Text).ToArray();
        var second = packs.Select(Text).ToArray();

        first.Should().OnlyHaveUniqueItems();
        second.Zip(first).Should().OnlyContain(pair => ReferenceEquals(pair.First, pair.Second), "a text already written is not joined again");
        Text(0x0005).Should().Be("Pack overvoltage warning, Pack undervoltage warning", "a new set of bits still gets its own text");
    }

    [Fact]
    public void Rebuilding_a_reading_keeps_one_summary()
    {
        var first = new FieldListBuilder(4).AddBits(0x0001, Eg4LlFields.Errors).Build();
        var copy = new FieldListBuilder(first.Count + 1);
        foreach (var field in first)
        {
            copy.Add(field);
        }

        copy.Add(CommonFields.PackVoltage, 53.1).Build().Count(f => f.Spec == CommonFields.Problem).Should().Be(1);
    }

    [Fact]
    public void Text_longer_than_home_assistant_keeps_is_cut_to_255_characters()
    {
        var fields = new FieldListBuilder(32)
            .AddBits(0x3FFF, Eg4LlFields.Warnings)
            .AddBits(0x3FFF, Eg4LlFields.Protections)
            .Build();

        var text = fields.Single(f => f.Spec == CommonFields.ActiveProblems).Text!;
        text.Should().HaveLength(ProblemSummary.MaxLength).And.StartWith("Pack overvoltage warning, ").And.EndWith("…");
    }

    [Fact]
    public void The_text_is_the_names_joined_then_cut_for_any_names()
    {
        var names =
            from count in Gen.Choose(1, 40)
            from list in Gen.Elements("a", "Cell overvoltage warning", "Pack undervoltage protection", "x", "Discharge overcurrent protection 2").ListOf(count)
            select list.ToList();
        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2_000), Prop.ForAll(names.ToArb(), list =>
        {
            var joined = string.Join(", ", list);
            var expected = joined.Length <= ProblemSummary.MaxLength ? joined : string.Concat(joined.AsSpan(0, ProblemSummary.MaxLength - 1), "…");
            ProblemSummary.Joined(list).Should().Be(expected);
        }));
    }
}
