using FluentAssertions;
using Streams.Transports.Tcp;
using Xunit;

namespace Streams.Tests.Transports.Tcp;

public sealed class TcpSettingsTests
{
    private static readonly TcpEndpoint Converter = TcpEndpoint.Parse("tcp://192.168.1.50:8899");

    [Fact]
    public void Defaults_bound_every_wait_and_notice_a_dead_converter_within_25_seconds()
    {
        var settings = new TcpSettings(Converter);

        settings.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        settings.WriteTimeout.Should().Be(TimeSpan.FromSeconds(2));
        settings.KeepAlive.Should().Be(new TcpKeepAlive(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 3));
        settings.KeepAlive.DeadAfter.Should().Be(TimeSpan.FromSeconds(25));
        settings.ToString().Should().Be("tcp://192.168.1.50:8899 (connect timeout 5 s, keep-alive 10 s / 5 s x 3)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(601)]
    public void Rejects_timeouts_that_are_not_positive_or_are_unreasonably_long(int seconds)
    {
        var act = () => new TcpSettings(Converter) { ConnectTimeout = TimeSpan.FromSeconds(seconds) };
        var write = () => new TcpSettings(Converter) { WriteTimeout = TimeSpan.FromSeconds(seconds) };

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("ConnectTimeout must be above 0 and at most 10 minutes.*");
        write.Should().Throw<ArgumentOutOfRangeException>().WithMessage("WriteTimeout must be above 0 and at most 10 minutes.*");
    }

    [Fact]
    public void Keep_alive_takes_whole_seconds_and_one_to_127_probes_as_linux_does()
    {
        var fractional = () => new TcpKeepAlive(TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(5), 3);
        var noProbes = () => new TcpKeepAlive(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 0);

        fractional.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Keep-alive times are whole seconds*");
        noProbes.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Keep-alive probes are 1..127*");
        new TcpKeepAlive(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 127).DeadAfter.Should().Be(TimeSpan.FromSeconds(128));
    }
}
