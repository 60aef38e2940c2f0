using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FluentAssertions;
using Streams.HomeAssistant;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>The timing is in marbles/homeassistant/birth-answers.marble; these pin what is checked when the operator is called.</summary>
public sealed class BirthResponderTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(-1, 5, 2)]
    [InlineData(5, 1, 2)]
    [InlineData(1, 5, -1)]
    public void Impossible_timings_are_refused_at_once(int minSeconds, int maxSeconds, int statesAfterSeconds)
    {
        var act = () => Observable.Never<string>().AnswerBirths(minSeconds * Second, maxSeconds * Second, statesAfterSeconds * Second, () => 0, ImmediateScheduler.Instance, PublisherHarness.Logger);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_sample_is_clamped_into_the_range_and_padding_around_online_is_ignored()
    {
        var scheduler = new HistoricalScheduler();
        var answers = new List<(TimeSpan At, BirthAnswer Answer)>();
        using var subscription = Observable.Return(" online\n")
            .AnswerBirths(Second, 5 * Second, 2 * Second, () => 7.0, scheduler, PublisherHarness.Logger)
            .Subscribe(answer => answers.Add((scheduler.Now - DateTimeOffset.MinValue, answer)));

        scheduler.AdvanceBy(TimeSpan.FromSeconds(10));

        answers.Should().Equal((5 * Second, BirthAnswer.Discovery), (7 * Second, BirthAnswer.States));
    }
}
