using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleFileTests
{
    private const string Sample = """
        // Same error repeated: reported once, re-reported hourly.
        @scenario  health.error-reports   // trailing comment
        @frame     10m
        @hot       errors, polls
        @error     TimeoutException:no reply
        @error.expected IOException
        @window    1h

        errors:    -a-a-b-#     // an input
        polls:     x-^-x
        status:    --s|
        expected:  -a---b-#
        subscription: ^------!
        errors^:   ^------!
        status^:   ^--!
        status^:   ----^
        a = CrcMismatch
        b = mqtt://broker:1883/x  // '//' inside a literal is kept
        s = 52.3 V
        """;

    [Fact]
    public void Reads_metadata_diagrams_values_and_logs()
    {
        var file = MarbleFile.Parse(Sample, "sample.marble");

        file.Source.Should().Be("sample.marble");
        file.Scenario.Should().Be("health.error-reports");
        file.Frame.Should().Be(TimeSpan.FromMinutes(10));
        file.Meta.Should().Contain("window", "1h").And.Contain("frame", "10m");
        file.Inputs.Select(i => (i.Name, i.Hot, i.Line)).Should().Equal(("errors", true, 9), ("polls", true, 10), ("status", false, 11));
        file.Inputs[0].Error.Should().Be(new MarbleError("TimeoutException", "no reply"));
        file.ExpectedError.Should().Be(new MarbleError("IOException", null));
        file.Inputs[1].Diagram.FirstFrame.Should().Be(-2);
        file.FirstFrame.Should().Be(-2);
        file.Subscription.Should().Be(new MarbleSubscription(0, 7));
        file.ExpectedSubscriptions["errors"].Should().Equal(new MarbleSubscription(0, 7));
        file.ExpectedSubscriptions["status"].Should().Equal(new MarbleSubscription(0, 3), new MarbleSubscription(4, null));
        file.Value('a').Should().Be("CrcMismatch");
        file.Value('b').Should().Be("mqtt://broker:1883/x");
        file.Value('s').Should().Be("52.3 V");
        file.Value('z').Should().Be("z", "a key without a value line is its own literal");
    }

    [Fact]
    public void The_horizon_is_the_last_frame_of_the_longest_diagram()
    {
        var file = MarbleFile.Parse("""
            @scenario s
            in:        -a
            expected:  ----
            in^:       ^ 1ms -!
            """, "h.marble");

        file.Horizon.Should().Be(3);
        file.Frame.Should().Be(TimeSpan.FromMilliseconds(1), "the default frame is RxJS run mode's 1ms");
    }

    [Theory]
    [InlineData("@horizon 12h", 72)]
    [InlineData("@horizon 40", 40)]
    public void An_explicit_horizon_is_a_duration_or_a_frame_count(string line, long horizon) =>
        MarbleFile.Parse($"@scenario s\n@frame 10m\n{line}\nexpected: -a|", "h.marble").Horizon.Should().Be(horizon);

    [Fact]
    public void Defaults_without_error_subscription_or_hot_lines()
    {
        var file = MarbleFile.Parse("@scenario s\nin: -#\nexpected: -#", "d.marble");

        file.Inputs.Single().Hot.Should().BeFalse();
        file.Inputs.Single().Error.Should().Be(MarbleError.Default);
        file.ExpectedError.Should().Be(new MarbleError("Exception", "error"));
        file.Subscription.Should().Be(new MarbleSubscription(0, null));
        file.ExpectedSubscriptions.Should().BeEmpty();
    }

    [Theory]
    [InlineData("@frame 10m\nexpected: -", "f.marble: missing @scenario")]
    [InlineData("@scenario s\nin: -a", "f.marble: no 'expected:' diagram")]
    [InlineData("@scenario s\n@scenario t\nexpected: -", "f.marble:2:1: @scenario is already set on line 1")]
    [InlineData("@scenario s\n@frame 10q\nexpected: -", "f.marble:2:8: '10q' is not a positive duration")]
    [InlineData("@scenario s\n@frame 0ms\nexpected: -", "f.marble:2:8: '0ms' is not a positive duration")]
    [InlineData("@scenario s\n@hot in, out\nin: -\nexpected: -", "f.marble:2:6: @hot names 'out', which is not an input diagram (inputs: in)")]
    [InlineData("@scenario s\nin: -a\nin: -b\nexpected: -", "f.marble:3:1: diagram 'in' is already defined on line 2")]
    [InlineData("@scenario s\nexpected: -\nout^: ^", "f.marble:3:6: 'out^' is the subscription log of input 'out', which has no diagram (the file has no inputs)")]
    [InlineData("@scenario s\nexpected: -\na = x\na = y", "f.marble:4:1: value 'a' is already defined on line 3")]
    [InlineData("@scenario s\nexpected: -\n| = x", "f.marble:3:1: '|' is marble syntax and cannot be a value key")]
    [InlineData("@scenario s\nexpected: -\nwhat is this", "f.marble:3:1: 'what is this' is not '@key value', 'name: diagram' or 'k = literal'")]
    [InlineData("@scenario s\nexpected: -\n@flag", "f.marble:3:1: '@flag' is not '@key value'")]
    [InlineData("@scenario s\n@frame 10ms\nexpected:  -a 15ms b", "f.marble:3:15: diagram 'expected': time progression '15ms' is not a whole number of 10ms frames")]
    [InlineData("@scenario s\nin:  --^-a\nexpected: -", "f.marble:2:8: diagram 'in': '^' marks the subscription frame of a hot diagram; a cold diagram cannot have one")]
    [InlineData("@scenario s\n  expected: -(ab", "f.marble:2:14: diagram 'expected': unclosed group")]
    [InlineData("@scenario s\nexpected: -a!", "f.marble:2:13: diagram 'expected': '!' (unsubscription) belongs in a subscription diagram")]
    [InlineData("@scenario s\nexpected: -\nsubscription: --", "f.marble:3:14: the 'subscription' diagram needs a '^'")]
    [InlineData("@scenario s\nexpected: -\nsubscription: ^-a", "f.marble:3:17: subscription diagram: 'a' is not allowed")]
    [InlineData("@scenario s\n@error.nope X\nexpected: -", "f.marble:2:13: @error.nope names 'nope', which is neither 'expected' nor an input")]
    [InlineData("@scenario s\n@error Bad Type:x\nexpected: -", "f.marble:2:8: 'Bad Type:x' is not an error")]
    [InlineData("@scenario s\n@horizon 15ms\n@frame 10ms\nexpected: -", "f.marble:2:10: @horizon 15ms is not a whole number of 10ms frames")]
    public void Errors_name_the_file_line_and_column(string text, string message) =>
        FluentActions.Invoking(() => MarbleFile.Parse(text, "f.marble"))
            .Should().Throw<MarbleFormatException>().Which.Message.Should().StartWith(message);

    [Fact]
    public void A_missing_file_is_reported_with_its_path() =>
        FluentActions.Invoking(() => MarbleFile.Load("/nonexistent/x.marble"))
            .Should().Throw<FileNotFoundException>().WithMessage("*marble file not found: /nonexistent/x.marble*");
}
