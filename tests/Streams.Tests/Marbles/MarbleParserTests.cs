using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleParserTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Theory]
    [InlineData("-", "", 0)]
    [InlineData("|", "|@0", 0)]
    [InlineData("#", "#@0", 0)]
    [InlineData("---", "", 2)]
    [InlineData("-a-b|", "a@1 b@3 |@4", 4)]
    [InlineData("  a   b  ", "a@0 b@1", 1)]
    [InlineData("--(abc)-|", "a@2 b@2 c@2 |@8", 8)]
    [InlineData("(b|)", "b@0 |@0", 3)]
    [InlineData("a 9ms b 9s c|", "a@0 b@10 c@9011 |@9012", 9012)]
    [InlineData("10ms a", "a@10", 10)]
    [InlineData("a 5ms", "a@0", 5)]
    [InlineData("a1msb", "a@0 1@1 m@2 s@3 b@4", 4)]
    [InlineData("a 1ms|", "a@0 1@1 m@2 s@3 |@4", 4)]
    [InlineData("a 1ms |", "a@0 |@2", 2)]
    public void Cold_diagrams_follow_run_mode_rules(string diagram, string events, long lastFrame)
    {
        var parsed = MarbleParser.Cold(diagram, Ms);

        Render(parsed.Events).Should().Be(events);
        parsed.LastFrame.Should().Be(lastFrame);
        parsed.FirstFrame.Should().Be(0);
    }

    [Theory]
    [InlineData("a 1h b", 10, "a@0 b@7")]
    [InlineData("a 59m b 1m c", 1, "a@0 b@60 c@62")]
    [InlineData("a 1.5s b", 0.5 / 60, "a@0 b@4")]
    [InlineData("a 30m b", 30, "a@0 b@2")]
    public void Time_progressions_count_in_frames_of_the_given_length(string diagram, double frameMinutes, string events)
    {
        var parsed = MarbleParser.Cold(diagram, TimeSpan.FromMinutes(frameMinutes));

        Render(parsed.Events).Should().Be(events);
    }

    [Fact]
    public void The_subscription_point_of_a_hot_diagram_is_frame_zero_and_takes_a_frame()
    {
        var parsed = MarbleParser.Hot("-a-^-b--|", Ms);

        Render(parsed.Events).Should().Be("a@-2 b@2 |@5");
        parsed.FirstFrame.Should().Be(-3);
        parsed.LastFrame.Should().Be(5);
    }

    [Fact]
    public void A_hot_diagram_without_subscription_point_starts_at_frame_zero() =>
        Render(MarbleParser.Hot("a-b", Ms).Events).Should().Be("a@0 b@2");

    [Theory]
    [InlineData("(a(b))", "nested group", 2)]
    [InlineData("-(ab", "unclosed group", 1)]
    [InlineData("a)", "')' without an opening '('", 1)]
    [InlineData("()", "empty group", 1)]
    [InlineData("(a-b)", "'-' inside a group", 2)]
    [InlineData("(a 10ms b)", "inside a group", 3)]
    [InlineData("-^-a", "cold diagram cannot have one", 1)]
    [InlineData("a!", "belongs in a subscription diagram", 1)]
    [InlineData("a|b", "'b' after the terminal '|'", 2)]
    [InlineData("a#|", "after the terminal '#'", 2)]
    [InlineData("(|a)", "after the terminal", 2)]
    [InlineData("a 15ms b", "not a whole number of 10ms frames", 2)]
    public void Malformed_cold_diagrams_are_rejected_with_the_offending_position(string diagram, string message, int position)
    {
        var act = () => MarbleParser.Cold(diagram, TimeSpan.FromMilliseconds(diagram.Contains("15ms") ? 10 : 1));

        var error = act.Should().Throw<MarbleFormatException>().Which;
        error.Message.Should().Contain(message);
        error.Position.Should().Be(position);
    }

    [Theory]
    [InlineData("^-^", "second '^'")]
    [InlineData("(^a)", "'^' inside a group")]
    [InlineData("   ", "empty diagram")]
    public void Malformed_hot_diagrams_are_rejected(string diagram, string message) =>
        FluentActions.Invoking(() => MarbleParser.Hot(diagram, Ms))
            .Should().Throw<MarbleFormatException>().WithMessage($"*{message}*");

    [Fact]
    public void A_progression_finer_than_a_tick_is_rejected() =>
        FluentActions.Invoking(() => MarbleParser.Cold("a 0.00001ms b", TimeSpan.FromTicks(1)))
            .Should().Throw<MarbleFormatException>().WithMessage("*not a whole number*");

    [Theory]
    [InlineData("^---!", 0L, 4L, 4)]
    [InlineData("--^--", 2L, null, 4)]
    [InlineData("(^!)", 0L, 0L, 2)]
    [InlineData("-(^!)", 1L, 1L, 3)]
    [InlineData("^ 10ms !", 0L, 11L, 11)]
    [InlineData("  ^  -  !  ", 0L, 2L, 2)]
    public void Subscription_diagrams_give_the_window(string diagram, long subscribe, long? unsubscribe, long lastFrame)
    {
        var parsed = MarbleParser.Subscription(diagram, Ms);

        parsed.Subscription.Should().Be(new MarbleSubscription(subscribe, unsubscribe));
        parsed.LastFrame.Should().Be(lastFrame);
    }

    [Fact]
    public void A_subscription_diagram_without_caret_means_never_subscribed() =>
        MarbleParser.Subscription("----", Ms).Subscription.Should().BeNull();

    [Theory]
    [InlineData("^-^", "second subscription point")]
    [InlineData("^-!-!", "second unsubscription point")]
    [InlineData("!-^", "'!' before '^'")]
    [InlineData("^-a-!", "'a' is not allowed in a subscription diagram")]
    [InlineData("^-|", "'|' is not allowed")]
    [InlineData("(^-!)", "'-' inside a group")]
    [InlineData("(^!", "unclosed group")]
    public void Malformed_subscription_diagrams_are_rejected(string diagram, string message) =>
        FluentActions.Invoking(() => MarbleParser.Subscription(diagram, Ms))
            .Should().Throw<MarbleFormatException>().WithMessage($"*{message}*");

    private static string Render(IEnumerable<MarbleEvent> events) => string.Join(" ", events);
}
