using FluentAssertions;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.Tests.Transports.Serial;

public sealed class SerialSettingsTests
{
    [Theory]
    [InlineData(9600)]
    [InlineData(19200)]
    [InlineData(38400)]
    [InlineData(115200)]
    public void Accepts_the_common_baud_rates(int baud)
    {
        var settings = new SerialSettings("/dev/ttyUSB0", baud);

        settings.BaudRate.Should().Be(baud);
        settings.ToString().Should().Be($"/dev/ttyUSB0 {baud} 8N1");
    }

    [Fact]
    public void Defaults_are_9600_baud_a_five_second_write_timeout_and_no_rs485()
    {
        var settings = new SerialSettings("/dev/ttyUSB0");

        settings.BaudRate.Should().Be(9600);
        settings.WriteTimeout.Should().Be(TimeSpan.FromSeconds(5));
        settings.Rs485.Should().BeNull();
    }

    [Theory]
    [InlineData(9601)]
    [InlineData(0)]
    [InlineData(-9600)]
    [InlineData(230400)]
    public void Rejects_other_baud_rates_with_one_line_listing_the_valid_ones(int baud)
    {
        var act = () => new SerialSettings("/dev/ttyUSB0", baud);

        act.Should().Throw<ArgumentException>().WithMessage(
            $"Unsupported baud rate {baud}; use one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200");
    }

    [Fact]
    public void Validation_also_guards_with_expressions()
    {
        var settings = new SerialSettings("/dev/ttyUSB0");

        var act = () => settings with { BaudRate = 12345 };

        act.Should().Throw<ArgumentException>().WithMessage("Unsupported baud rate 12345*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejects_an_empty_path(string path)
    {
        var act = () => new SerialSettings(path);

        act.Should().Throw<ArgumentException>().WithMessage("Serial port path is empty");
    }

    [Fact]
    public void Rejects_a_non_positive_write_timeout_but_allows_infinite()
    {
        var settings = new SerialSettings("/dev/ttyUSB0");

        ((Action)(() => _ = settings with { WriteTimeout = TimeSpan.Zero })).Should().Throw<ArgumentException>();
        (settings with { WriteTimeout = Timeout.InfiniteTimeSpan }).WriteTimeout.Should().Be(Timeout.InfiniteTimeSpan);
    }
}
