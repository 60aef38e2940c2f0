using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleDurationTests
{
    [Theory]
    [InlineData("10ms", 10 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("59m", 59 * TimeSpan.TicksPerMinute)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("0.25ms", TimeSpan.TicksPerMillisecond / 4)]
    public void Parses_number_and_unit(string text, long ticks) =>
        MarbleDuration.Parse(text).Ticks.Should().Be(ticks);

    [Theory]
    [InlineData("10")]
    [InlineData("ms")]
    [InlineData("1d")]
    [InlineData("-1s")]
    [InlineData("1 s")]
    [InlineData("0.00001ms")]
    public void Rejects_anything_else(string text) =>
        MarbleDuration.TryParse(text, out _).Should().BeFalse();

    [Theory]
    [InlineData(2 * TimeSpan.TicksPerHour, "2h")]
    [InlineData(90 * TimeSpan.TicksPerMinute, "90m")]
    [InlineData(1500 * TimeSpan.TicksPerMillisecond, "1500ms")]
    [InlineData(TimeSpan.TicksPerMillisecond / 2, "0.5ms")]
    [InlineData(0, "0ms")]
    public void Formats_in_the_largest_exact_unit(long ticks, string text)
    {
        var formatted = MarbleDuration.Format(TimeSpan.FromTicks(ticks));

        formatted.Should().Be(text);
        MarbleDuration.Parse(formatted).Ticks.Should().Be(ticks);
    }
}
