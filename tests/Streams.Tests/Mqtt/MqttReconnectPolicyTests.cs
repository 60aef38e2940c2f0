using FluentAssertions;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

public sealed class MqttReconnectPolicyTests
{
    private static readonly MqttReconnectPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(60),
        Multiplier = 2,
        Jitter = 0.5,
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void Delay_doubles_up_to_the_cap_without_jitter(int failures, int seconds) =>
        Policy.DelayAfter(failures, 0).Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Jitter_only_shortens_so_the_cap_holds()
    {
        Policy.DelayAfter(3, 0.5).Should().Be(TimeSpan.FromSeconds(3), "4 s × (1 − 0.5 × 0.5)");
        Policy.DelayAfter(50, 0.999).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(60)).And.BeGreaterThan(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Jitter_samples_outside_0_1_are_rejected(double sample)
    {
        var act = () => Policy.DelayAfter(1, sample);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Unusable_policies_fail_validation_with_a_reason()
    {
        FluentActions.Invoking(() => (Policy with { MaxDelay = TimeSpan.FromMilliseconds(10) }).Validate())
            .Should().Throw<ArgumentException>().WithMessage("*initial*max*");
        FluentActions.Invoking(() => (Policy with { Jitter = 2 }).Validate())
            .Should().Throw<ArgumentException>().WithMessage("*jitter*");
        FluentActions.Invoking(() => (Policy with { Multiplier = 0.5 }).Validate())
            .Should().Throw<ArgumentException>().WithMessage("*multiplier*");
    }
}
