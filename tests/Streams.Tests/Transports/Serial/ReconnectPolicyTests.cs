using FluentAssertions;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.Tests.Transports.Serial;

public sealed class ReconnectPolicyTests
{
    [Fact]
    public void Default_doubles_from_one_second_and_caps_at_thirty()
    {
        var delays = Enumerable.Range(1, 8).Select(ReconnectPolicy.Default.DelayBefore).Select(d => d.TotalSeconds);

        delays.Should().Equal(1, 2, 4, 8, 16, 30, 30, 30);
    }

    [Fact]
    public void Custom_multiplier_and_cap_apply()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), multiplier: 3);

        Enumerable.Range(1, 4).Select(policy.DelayBefore).Select(d => d.TotalMilliseconds)
            .Should().Equal(100, 300, 900, 1000);
    }

    [Fact]
    public void Multiplier_one_keeps_a_constant_delay()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), multiplier: 1);

        policy.DelayBefore(1).Should().Be(TimeSpan.FromSeconds(5));
        policy.DelayBefore(1000).Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Huge_attempt_numbers_stay_at_the_cap_without_overflow()
    {
        ReconnectPolicy.Default.DelayBefore(int.MaxValue).Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Attempt_numbers_start_at_one()
    {
        var act = () => ReconnectPolicy.Default.DelayBefore(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(0, 30, 2, "initial delay must be positive")]
    [InlineData(5, 1, 2, "max delay 00:00:01 is below the initial delay 00:00:05")]
    [InlineData(1, 30, 0.5, "multiplier must be a finite number >= 1")]
    [InlineData(1, 30, double.PositiveInfinity, "multiplier must be a finite number >= 1")]
    public void Invalid_policies_fail_with_one_line(double initialSeconds, double maxSeconds, double multiplier, string expected)
    {
        var act = () => new ReconnectPolicy(TimeSpan.FromSeconds(initialSeconds), TimeSpan.FromSeconds(maxSeconds), multiplier);

        act.Should().Throw<ArgumentException>()
            .Where(e => e.Message.Contains(expected) && !e.Message.Contains('\n'));
    }
}
