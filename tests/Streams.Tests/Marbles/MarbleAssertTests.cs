using System.Reactive.Linq;
using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleAssertTests
{
    [Fact]
    public void A_mismatch_shows_inputs_expected_and_actual_aligned_and_a_table_of_differences()
    {
        var file = File("""
            @hot in
            in:       -a-b-c|
            expected: -a-b-c|
            """);

        var message = Failure(file, ctx => ctx.Input("in").Where(v => v != "b"));

        message.Should().StartWith("inline.marble: scenario test.scenario did not match (frame 1ms, observed to frame 6)");
        message.Should().Contain("""
              in:       -a-b-c|
              expected: -a-b-c|
              actual:   -a---c|
            """.ReplaceLineEndings("\n"));
        message.Should().Contain("""
              frame  time          expected  actual
              3      00:00:00.003  next 'b'  -
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Groups_keep_one_character_per_frame_so_rows_stay_aligned()
    {
        var file = File("""
            @hot left, right
            left:     -a------(bc)--|
            right:    -x----y------z|
            expected: -(xa)-y-(bc)-z|
            """);

        var message = Failure(file, ctx => ctx.Input("left").Merge(ctx.Input("right")));

        message.Should().Contain("""
              left:     -a------(bc)--|
              right:    -x----y------z|
              expected: -(xa)-y-(bc)-z|
              actual:   -(ax)-y-(bc)-z|
            """.ReplaceLineEndings("\n"));
        message.Should().Contain("1      00:00:00.001  next 'x' (1st of 2 in the frame)  next 'x' (2nd of 2 in the frame)");
    }

    [Fact]
    public void Long_quiet_stretches_are_compressed_into_time_progressions()
    {
        var file = File("""
            @frame 1m
            @hot   readings
            readings: a 59m b 59m c
            expected: a 59m b 59m c
            """);

        var message = Failure(file, ctx => ctx.Input("readings").Where(v => v != "b"));

        message.Should().Contain("""
              readings: a 59m b 59m c
              expected: a 59m b 59m c
              actual:   a 59m - 59m c
            """.ReplaceLineEndings("\n"));
        message.Should().Contain("60     01:00:00  next 'b'  -");
    }

    [Fact]
    public void Actual_values_the_file_does_not_know_get_spare_keys_and_a_legend()
    {
        var file = File("""
            in:       -a|
            expected: -a|
            a = CrcMismatch
            """);

        var message = Failure(file, ctx => ctx.Input("in").Select(_ => "Timeout"));

        message.Should().Contain("actual:    -A|");
        message.Should().Contain("values: a = CrcMismatch");
        message.Should().Contain("actual values not in the file: A = Timeout");
        message.Should().Contain("1      00:00:00.001  next 'CrcMismatch'  next 'Timeout'");
    }

    [Fact]
    public void Events_between_frames_are_reported_at_their_exact_time()
    {
        var file = File("""
            @frame 10ms
            in:       -a|
            expected: ---a|
            """);

        var message = Failure(file, ctx => ctx.Input("in").Delay(TimeSpan.FromMilliseconds(15), ctx.Scheduler));

        message.Should().Contain("2.5    00:00:00.025  -         next 'a'");
        message.Should().Contain("note: some actual events fall between frames");
    }

    [Fact]
    public void A_subscription_log_mismatch_shows_both_logs()
    {
        var file = File("""
            in:       -a-b-c|
            expected: -a-(b|)
            in^:      ^-----!
            """);

        var message = Failure(file, ctx => ctx.Input("in").Take(2));

        message.Should().Contain("""
            subscriptions of 'in' differ:
              expected: ^-----!  (^0 !6)
              actual:   ^--!  (^0 !3)
            """.ReplaceLineEndings("\n"));
        message.Should().NotContain("actual:   -a", "the events themselves matched");
    }

    [Fact]
    public void A_never_subscribed_input_is_shown_as_such()
    {
        var file = File("""
            in:       -a|
            expected: -(a|)
            in^:      -
            """);

        var message = Failure(file, ctx => ctx.Input("in").Take(1));

        message.Should().Contain("expected: -  (never subscribed)");
        message.Should().Contain("actual:   ^!  (^0 !1)");
    }

    private static string Failure(MarbleFile file, Func<IMarbleContext, IObservable<string>> scenario) =>
        FluentActions.Invoking(() => MarbleRun.Verify(file, scenario))
            .Should().Throw<MarbleMismatchException>().Which.Message.ReplaceLineEndings("\n");

    private static MarbleFile File(string body) => MarbleFile.Parse("@scenario test.scenario\n" + body, "inline.marble");
}
