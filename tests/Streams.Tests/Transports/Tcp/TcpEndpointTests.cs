using FluentAssertions;
using Streams.Transports.Tcp;
using Xunit;

namespace Streams.Tests.Transports.Tcp;

public sealed class TcpEndpointTests
{
    [Theory]
    [InlineData("tcp://192.168.1.50:8899", "192.168.1.50", 8899, "tcp://192.168.1.50:8899")]
    [InlineData("TCP://10.0.0.7:502", "10.0.0.7", 502, "tcp://10.0.0.7:502")]
    [InlineData("tcp://[fd00::50]:502", "fd00::50", 502, "tcp://[fd00::50]:502")]
    [InlineData("tcp://[::1]:4196", "::1", 4196, "tcp://[::1]:4196")]
    [InlineData("tcp://ew11.local:8899", "ew11.local", 8899, "tcp://ew11.local:8899")]
    [InlineData("tcp://garage-rs485:23", "garage-rs485", 23, "tcp://garage-rs485:23")]
    [InlineData("tcp://localhost:1", "localhost", 1, "tcp://localhost:1")]
    [InlineData("tcp://converter:65535", "converter", 65535, "tcp://converter:65535")]
    public void Parses_ipv4_bracketed_ipv6_and_host_names(string text, string host, int port, string written)
    {
        var endpoint = TcpEndpoint.Parse(text);

        endpoint.Host.Should().Be(host);
        endpoint.Port.Should().Be(port);
        endpoint.ToString().Should().Be(written);
        TcpEndpoint.Parse(endpoint.ToString()).Should().Be(endpoint);
    }

    [Fact]
    public void Knows_an_address_from_a_name()
    {
        TcpEndpoint.Parse("tcp://127.0.0.1:502").Address!.ToString().Should().Be("127.0.0.1");
        TcpEndpoint.Parse("tcp://[::1]:502").Address!.ToString().Should().Be("::1");
        TcpEndpoint.Parse("tcp://ew11.local:502").Address.Should().BeNull();
    }

    [Theory]
    [InlineData("/dev/ttyUSB0", "expected tcp://host:port")]
    [InlineData("udp://10.0.0.7:502", "expected tcp://host:port")]
    [InlineData("tcp://10.0.0.7", "no port")]
    [InlineData("tcp://10.0.0.7:", "no port after ':'")]
    [InlineData("tcp://:502", "no host")]
    [InlineData("tcp://", "no host")]
    [InlineData("tcp://10.0.0.7:0", "port '0' is not a number 1-65535")]
    [InlineData("tcp://10.0.0.7:65536", "port '65536' is not a number 1-65535")]
    [InlineData("tcp://10.0.0.7:50x2", "port '50x2' is not a number 1-65535")]
    [InlineData("tcp://10.0.0.7:-1", "port '-1' is not a number 1-65535")]
    [InlineData("tcp://192.168.1.300:502", "'192.168.1.300' is not an IPv4 address")]
    [InlineData("tcp://10.1:502", "'10.1' is not an IPv4 address")]
    [InlineData("tcp://fd00::50:502", "an IPv6 address goes in brackets")]
    [InlineData("tcp://[fd00::50:502", "no closing ']'")]
    [InlineData("tcp://[fd00::zz]:502", "'fd00::zz' is not an IPv6 address")]
    [InlineData("tcp://[10.0.0.7]:502", "'10.0.0.7' is not an IPv6 address")]
    [InlineData("tcp://[::1]", "no port")]
    [InlineData("tcp://[::1]502", "expected ':port' after ']'")]
    [InlineData("tcp://ew11.local:8899/", "'/' has no place in it")]
    [InlineData("tcp://user@ew11:8899", "'@' has no place in it")]
    [InlineData("tcp://my converter:8899", "holds ' '")]
    [InlineData("tcp://-ew11:8899", "is not a host name")]
    [InlineData("tcp://ew11..local:8899", "is not a host name")]
    public void Rejects_a_bad_address_with_one_line_naming_the_problem(string text, string problem)
    {
        TcpEndpoint.TryParse(text, out var endpoint, out var message).Should().BeFalse();

        endpoint.Should().BeNull();
        message.Should().StartWith($"'{text}' is not a TCP address: ").And.Contain(problem).And.NotContain("\n");
        ((Action)(() => TcpEndpoint.Parse(text))).Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Tells_a_converter_from_a_device_path()
    {
        TcpEndpoint.IsTcp("tcp://10.0.0.7:502").Should().BeTrue();
        TcpEndpoint.IsTcp("TCP://ew11:8899").Should().BeTrue();
        TcpEndpoint.IsTcp("/dev/ttyUSB0").Should().BeFalse();
    }
}
