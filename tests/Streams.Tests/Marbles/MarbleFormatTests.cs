using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleFormatTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Theory]
    [InlineData(0L, 4L, "^---!")]
    [InlineData(2L, null, "--^")]
    [InlineData(3L, 3L, "---(^!)")]
    [InlineData(0L, 100L, "^ 99ms !")]
    public void Subscription_windows_render_as_subscription_diagrams(long subscribe, long? unsubscribe, string diagram)
    {
        var window = new MarbleSubscription(subscribe, unsubscribe);

        MarbleFormat.Subscription(window, Ms).Should().Be(diagram);
        MarbleParser.Subscription(diagram, Ms).Subscription.Should().Be(window);
    }

    [Fact]
    public void No_subscription_renders_as_a_dash() => MarbleFormat.Subscription(null, Ms).Should().Be("-");

    [Fact]
    public void Rows_with_history_get_a_caret_and_the_others_leave_those_frames_blank()
    {
        var hot = MarbleParser.Hot("-a-^-b|", Ms);
        var expected = MarbleParser.Hot("--b|", Ms);

        var text = MarbleFormat.Aligned([("in", hot.Events), ("expected", expected.Events)], Ms, 3);

        text.Should().Be("in:       a-^-b|\nexpected:   --b|\n");
        MarbleParser.Hot("a-^-b|", Ms).Events.Should().Equal(hot.Events);
    }

    [Theory]
    [InlineData(0L, "00:00:00")]
    [InlineData(TimeSpan.TicksPerHour + 25 * TimeSpan.TicksPerMillisecond, "01:00:00.025")]
    [InlineData(-20 * TimeSpan.TicksPerMinute, "-00:20:00")]
    [InlineData(26 * TimeSpan.TicksPerHour, "1d 02:00:00")]
    public void Times_are_offsets_from_the_epoch(long ticks, string text) => MarbleFormat.Time(ticks).Should().Be(text);

    [Fact]
    public void A_rendered_diagram_parses_back_to_the_same_events()
    {
        // Each step: quiet frames before a marble, then 1-3 values at that frame (a group when more than one).
        var steps = Gen.ListOf(Gen.Zip(Gen.Choose(0, 40), Gen.Choose(1, 3)));
        var ending = Gen.Elements('-', '|', '#');

        Prop.ForAll(Gen.Zip(steps, ending).ToArbitrary(), input =>
        {
            var (plan, end) = input;
            var events = new List<MarbleEvent>();
            long frame = 0;
            var key = 0;
            foreach (var (quiet, count) in plan)
            {
                frame += quiet;
                for (var i = 0; i < count; i++)
                {
                    events.Add(MarbleEvent.Next(frame, (char)('a' + (key++ % 26))));
                }

                frame += count == 1 ? 1 : count + 2;
            }

            if (end != '-')
            {
                events.Add(end == '|' ? MarbleEvent.Completed(frame) : MarbleEvent.Error(frame));
            }

            var text = MarbleFormat.Aligned([("x", events)], TimeSpan.FromMinutes(1), frame);
            var parsed = MarbleParser.Hot(text["x:".Length..].Trim(), TimeSpan.FromMinutes(1));
            return parsed.Events.SequenceEqual(events) && parsed.LastFrame >= frame - (end == '-' ? 1 : 0);
        }).QuickCheckThrowOnFailure();
    }
}
