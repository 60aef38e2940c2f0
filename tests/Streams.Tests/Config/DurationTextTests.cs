using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Config.Loading;
using Xunit;

namespace Streams.Tests.Config;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("10s", 10_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0s", 0)]
    [InlineData("0.001s", 1)]
    [InlineData("2.25m", 135_000)]
    [InlineData("0.5h", 1_800_000)]
    [InlineData("8760h", 31_536_000_000)]
    public void Parses_number_and_unit(string text, long milliseconds)
    {
        DurationText.TryParse(text, out var value, out var error).Should().BeTrue(error);
        value.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("10", "needs a unit")]
    [InlineData("1.5", "needs a unit")]
    [InlineData("", "expected a duration")]
    [InlineData("s", "expected a duration")]
    [InlineData("10d", "expected a duration")]
    [InlineData("10 s", "expected a duration")]
    [InlineData("10S", "expected a duration")]
    [InlineData("-1s", "expected a duration")]
    [InlineData("+1s", "expected a duration")]
    [InlineData("1.s", "expected a duration")]
    [InlineData(".5s", "expected a duration")]
    [InlineData("1.2.3s", "expected a duration")]
    [InlineData("1e3ms", "expected a duration")]
    [InlineData("1h30m", "expected a duration")]
    [InlineData("0.5ms", "whole number of milliseconds")]
    [InlineData("0.0001s", "whole number of milliseconds")]
    [InlineData("8761h", "too large")]
    [InlineData("99999999999999999999h", "too large")]
    public void Rejects_malformed_text_with_a_reason(string text, string reason)
    {
        DurationText.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(reason);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(5, "5ms")]
    [InlineData(999, "999ms")]
    [InlineData(1_000, "1s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(1_050, "1.05s")]
    [InlineData(61_001, "61.001s")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    [InlineData(7_200_000, "2h")]
    public void Formats_with_the_largest_exact_unit(long milliseconds, string text) =>
        DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(text);

    [Fact]
    public void Format_rejects_what_parse_could_not_read_back()
    {
        FluentActions.Invoking(() => DurationText.Format(TimeSpan.FromTicks(1))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => DurationText.Format(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => DurationText.Format(TimeSpan.FromDays(366))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Formatting_any_duration_then_parsing_returns_it()
    {
        var maxMilliseconds = (long)DurationText.Max.TotalMilliseconds;
        var milliseconds = Gen.OneOf(
                Gen.Choose(0, 999).Select(v => (long)v),
                Gen.Choose(0, int.MaxValue).Select(v => (long)v),
                Gen.Choose(0, 8760).Select(hours => hours * 3_600_000L),
                Gen.Choose(0, 525_600).Select(minutes => minutes * 60_000L),
                Gen.Two(Gen.Choose(0, int.MaxValue)).Select(pair => ((long)pair.Item1 * 15 + pair.Item2) % (maxMilliseconds + 1)))
            .ToArbitrary();

        Prop.ForAll(milliseconds, ms =>
            {
                var duration = TimeSpan.FromMilliseconds(ms);
                var text = DurationText.Format(duration);
                return DurationText.TryParse(text, out var parsed, out _) && parsed == duration;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_whole_number_with_a_unit_parses_to_that_many_units()
    {
        var units = Gen.Elements(("ms", 1L), ("s", 1_000L), ("m", 60_000L), ("h", 3_600_000L));
        var cases = Gen.Zip(Gen.Choose(0, 8760), units).ToArbitrary();

        Prop.ForAll(cases, c =>
            {
                var (amount, (unit, factor)) = c;
                return DurationText.TryParse($"{amount}{unit}", out var parsed, out _)
                    && parsed == TimeSpan.FromMilliseconds(amount * factor);
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Arbitrary_text_never_throws_and_an_accepted_value_is_within_range()
    {
        var text = Gen.Elements("0123456789.msh -xe".ToCharArray()).ArrayOf().Select(chars => new string(chars)).ToArbitrary();

        Prop.ForAll(text, t =>
            {
                var ok = DurationText.TryParse(t, out var value, out var error);
                return ok
                    ? error is null && value >= TimeSpan.Zero && value <= DurationText.Max
                    : !string.IsNullOrEmpty(error) && !error.Contains('\n');
            })
            .QuickCheckThrowOnFailure();
    }
}
