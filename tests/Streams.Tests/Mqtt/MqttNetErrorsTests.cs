using System.Net.Sockets;
using System.Security.Authentication;
using FluentAssertions;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

/// <summary>Which MQTTnet connect failures retry with backoff and which slowly (they need a fix).</summary>
public sealed class MqttNetErrorsTests
{
    private static readonly MqttClientOptions Plain = new() { Host = "broker", ClientId = "streams" };
    private static readonly MqttClientOptions Tls = Plain with { Port = 8883, Tls = new MqttTlsOptions() };

    [Fact]
    public void A_broker_that_is_down_is_an_ordinary_failure_with_or_without_tls()
    {
        var refused = new MqttCommunicationException(new SocketException((int)SocketError.ConnectionRefused));

        MqttNetErrors.ConnectFailure(refused, Plain).Should().BeOfType<IOException>().Which.Message.Should().StartWith("cannot reach broker:1883");
        MqttNetErrors.ConnectFailure(refused, Tls).Should().BeOfType<IOException>().Which.Message.Should().StartWith("cannot reach broker:8883");
    }

    [Fact]
    public void An_untrusted_certificate_is_an_authentication_failure()
    {
        var untrusted = new MqttCommunicationException(new AuthenticationException("The remote certificate was rejected: UntrustedRoot"));

        MqttNetErrors.ConnectFailure(untrusted, Tls).Should().BeOfType<AuthenticationException>().Which.Message.Should().Contain("UntrustedRoot");
    }

    [Theory]
    [InlineData(SocketError.NotConnected)]
    [InlineData(SocketError.ConnectionReset)]
    public void A_tls_connection_dropped_after_the_handshake_asks_about_the_client_certificate(SocketError error)
    {
        var dropped = new MqttConnectingFailedException("Error while authenticating.", new MqttCommunicationException(new SocketException((int)error)));

        MqttNetErrors.ConnectFailure(dropped, Tls).Should().BeOfType<AuthenticationException>()
            .Which.Message.Should().Contain("before CONNACK").And.Contain("client certificate");
        MqttNetErrors.ConnectFailure(dropped, Plain).Should().BeOfType<IOException>("without TLS a reset is just a lost connection");
    }
}
