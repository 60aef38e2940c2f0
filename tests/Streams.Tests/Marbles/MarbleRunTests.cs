using System.Reactive.Linq;
using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleRunTests
{
    private static readonly Func<IMarbleContext, IObservable<string>> PassThrough = ctx => ctx.Input("in");

    [Fact]
    public void A_cold_input_starts_at_the_subscription_frame() => MarbleRun.Verify(File("""
        in:           a-b|
        subscription: ---^
        expected:     ---a-b|
        in^:          ---^--!
        """), PassThrough);

    [Fact]
    public void A_hot_input_runs_on_absolute_frames_whoever_listens() => MarbleRun.Verify(File("""
        @hot in
        in:           a-b-c-|
        subscription: ---^
        expected:     ----c-|
        in^:          ---^--!
        """), PassThrough);

    [Fact]
    public void A_hot_marble_in_the_subscription_frame_is_seen() => MarbleRun.Verify(File("""
        @hot in
        in:           --a-b|
        subscription: --^
        expected:     --a-b|
        """), PassThrough);

    [Fact]
    public void A_hot_marble_in_the_unsubscription_frame_is_not_seen() => MarbleRun.Verify(File("""
        @hot in
        in:           a-b-c|
        subscription: ^---!
        expected:     a-b---
        in^:          ^---!
        """), PassThrough);

    [Fact]
    public void Every_subscription_to_a_cold_input_is_logged_and_replays_it() => MarbleRun.Verify(File("""
        in:       a-b|
        expected: a-ba-b|
        in^:      ^--!
        in^:      ---^--!
        """), ctx => ctx.Input("in").Concat(ctx.Input("in")));

    [Fact]
    public void Hot_history_before_the_caret_runs_on_negative_frames_before_the_scenario_subscribes()
    {
        var file = File("""
            @hot in
            in:       -a-^-b|
            expected:    --b|
            """);
        var early = new List<(long Frame, string Value)>();

        var result = MarbleRun.Run(file, ctx =>
        {
            var scheduler = (MarbleScheduler)ctx.Scheduler;
            ctx.Input("in").Subscribe(v => early.Add((scheduler.CurrentFrame, v)));
            return ctx.Input("in");
        });

        early.Should().Equal((-2L, "a"), (2L, "b"));
        result.Subscriptions["in"].Should().Equal(new MarbleSubscription(-3, 3), new MarbleSubscription(0, 3));
        MarbleAssert.Matches(file, result);
    }

    [Fact]
    public void Work_due_at_the_first_frame_runs_even_when_it_is_the_horizon()
    {
        var file = File("in: |\nexpected: |");

        MarbleRun.Verify(file, PassThrough);
        FluentActions.Invoking(() => MarbleRun.Verify(file, ctx => ctx.Input("in").Concat(Observable.Never<string>())))
            .Should().Throw<MarbleMismatchException>().WithMessage("*0      00:00:00  complete  -*");
    }

    [Fact]
    public void Nothing_after_the_horizon_is_observed_and_endless_timers_stop_there() => MarbleRun.Verify(File("""
        @frame   10m
        @horizon 3h
        expected: ------x-----x-----x
        """), ctx => Observable.Interval(TimeSpan.FromHours(1), ctx.Scheduler).Select(_ => "x"));

    [Fact]
    public void An_input_requested_after_the_start_is_still_armed() => MarbleRun.Verify(File("""
        @hot in
        in:       -a-b|
        expected: -a-b|
        """), ctx => Observable.Defer(() => ctx.Input("in")));

    [Fact]
    public void A_hot_input_requested_late_has_already_missed_its_past() => MarbleRun.Verify(File("""
        @hot in
        in:           a-b-c|
        subscription: --^
        expected:     --b-c|
        """), ctx => Observable.Defer(() => ctx.Input("in")));

    [Fact]
    public void Values_are_compared_as_their_rendered_text() => MarbleRun.Verify(File("""
        in:       -a-b|
        expected: -A-B|
        a = crc mismatch
        b = timeout
        A = CRC MISMATCH
        B = TIMEOUT
        """), ctx => ctx.Input("in").Select(v => v.ToUpperInvariant()));

    [Fact]
    public void Input_errors_are_the_declared_exception_and_expected_errors_compare_type_and_message()
    {
        var file = File("""
            @error TimeoutException:no reply
            in:       -a#
            expected: -a#
            """);

        MarbleRun.Verify(file, PassThrough);
        FluentActions.Invoking(() => MarbleRun.Verify(file, ctx => ctx.Input("in").Catch<string, TimeoutException>(
                e => Observable.Throw<string>(new TimeoutException(e.Message + "!")))))
            .Should().Throw<MarbleMismatchException>().WithMessage("*error System.TimeoutException: no reply!*");
        FluentActions.Invoking(() => MarbleRun.Verify(file, ctx => ctx.Input("in").Catch<string, TimeoutException>(
                e => Observable.Throw<string>(new InvalidOperationException(e.Message)))))
            .Should().Throw<MarbleMismatchException>().WithMessage("*error System.InvalidOperationException: no reply*");
    }

    [Fact]
    public void An_expected_error_without_message_accepts_any_message_of_its_type() => MarbleRun.Verify(File("""
        @error.expected InvalidOperationException
        in:       -a-|
        expected: -#
        """), ctx => ctx.Input("in").Select<string, string>(v => throw new InvalidOperationException(v)));

    [Fact]
    public void The_scenario_sees_the_frame_values_and_metadata()
    {
        var file = File("@frame 10m\n@limit 3\nexpected: -\nq = hello");
        IMarbleContext? seen = null;

        MarbleRun.Run(file, ctx =>
        {
            seen = ctx;
            return Observable.Never<string>();
        });

        seen!.Frame.Should().Be(TimeSpan.FromMinutes(10));
        seen.Value('q').Should().Be("hello");
        seen.Meta("limit").Should().Be("3");
        seen.Meta("missing").Should().BeNull();
    }

    [Fact]
    public void Asking_for_an_input_the_file_lacks_names_the_file_and_its_inputs() =>
        FluentActions.Invoking(() => MarbleRun.Run(File("in: -\nexpected: -"), ctx => ctx.Input("other")))
            .Should().Throw<InvalidOperationException>()
            .WithMessage("inline.marble: scenario 'test.scenario' asked for input 'other', but the file has only in");

    [Fact]
    public void An_input_the_scenario_never_uses_is_an_error() =>
        FluentActions.Invoking(() => MarbleRun.Run(File("in: -\nunused: -\nexpected: -"), PassThrough))
            .Should().Throw<InvalidOperationException>().WithMessage("*never asked for input(s) unused*");

    [Fact]
    public void An_unknown_error_type_names_the_file_and_input() =>
        FluentActions.Invoking(() => MarbleRun.Run(File("@error NoSuchException\nin: #\nexpected: #"), PassThrough))
            .Should().Throw<MarbleFormatException>()
            .WithMessage("inline.marble:3: input 'in': @error type 'NoSuchException' is not a loaded Exception type*");

    [Fact]
    public void Verify_by_path_looks_the_scenario_up_in_the_table()
    {
        var table = new Dictionary<string, Func<IMarbleContext, IObservable<string>>>
        {
            ["harness.distinct"] = ctx => ctx.Input("source").DistinctUntilChanged(),
        };

        MarbleRun.Verify("harness/distinct-hot.marble", table);
        FluentActions.Invoking(() => MarbleRun.Verify("harness/take.marble", table))
            .Should().Throw<InvalidOperationException>()
            .WithMessage("harness/take.marble: no [MarbleScenario(\"harness.take\")] method implements @scenario harness.take (known: harness.distinct)");
    }

    private static MarbleFile File(string body) => MarbleFile.Parse("@scenario test.scenario\n" + body, "inline.marble");
}
