using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Mqtt;
using Streams.Mqtt.Packets;
using Xunit;

namespace Streams.Tests.Mqtt;

public sealed class MqttClientOptionsTests
{
    private static readonly MqttClientOptions Valid = new() { Host = "127.0.0.1", ClientId = "streams-test" };

    public static TheoryData<string, string> Broken => new()
    {
        { "host", "host is empty" },
        { "port", "outside 1..65535" },
        { "keepalive", "whole seconds" },
        { "keepalive-fraction", "whole seconds" },
        { "password", "password given without a user name" },
        { "will", "will: topic name 'bms/+/status' contains a wildcard" },
        { "shutdown", "shutdown message: topic name is empty" },
        { "clientid", "client id may only be empty with a clean session" },
        { "ca", "does not exist" },
        { "cert", "given together" },
        { "inflight", "max in-flight" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Unusable_settings_fail_with_a_single_line_reason(string what, string reason)
    {
        var options = what switch
        {
            "host" => Valid with { Host = " " },
            "port" => Valid with { Port = 70_000 },
            "keepalive" => Valid with { KeepAlive = TimeSpan.Zero },
            "keepalive-fraction" => Valid with { KeepAlive = TimeSpan.FromMilliseconds(1500) },
            "password" => Valid with { Password = "x" },
            "will" => Valid with { Will = new MqttWill("bms/+/status", default, MqttQualityOfService.AtLeastOnce, true) },
            "shutdown" => Valid with { ShutdownMessage = new MqttShutdownMessage(string.Empty, default) },
            "clientid" => Valid with { ClientId = string.Empty, CleanSession = false },
            "ca" => Valid with { Tls = new MqttTlsOptions { CaFile = "/nonexistent/ca.pem" } },
            "cert" => Valid with { Tls = new MqttTlsOptions { ClientCertificateFile = "/etc/hostname" } },
            _ => Valid with { MaxInFlight = 0 },
        };

        var act = () => new MqttClient(options, new HistoricalScheduler());

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain(reason).And.NotContain("\n");
    }

    [Fact]
    public void Ping_goes_out_at_three_quarters_of_the_keep_alive_and_times_out_after_one_interval()
    {
        var options = Valid with { KeepAlive = TimeSpan.FromSeconds(20) };

        options.PingInterval.Should().Be(TimeSpan.FromSeconds(15));
        options.EffectivePingTimeout.Should().Be(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Publishing_to_a_wildcard_topic_fails_before_anything_is_queued()
    {
        await using var client = new MqttClient(Valid, new HistoricalScheduler());

        Action act = () => _ = client.PublishAsync("bms/#", default, MqttQualityOfService.AtLeastOnce, retain: false);

        act.Should().Throw<ArgumentException>().WithMessage("*wildcard*");
        client.InFlightCount.Should().Be(0);
    }

    [Fact]
    public async Task Qos0_publish_without_a_connection_says_so()
    {
        await using var client = new MqttClient(Valid, new HistoricalScheduler());

        var act = () => client.PublishAsync("bms/x", new byte[] { 1 }, MqttQualityOfService.AtMostOnce, retain: false);

        await act.Should().ThrowAsync<MqttNotConnectedException>().WithMessage("*not connected to 127.0.0.1:1883*");
    }

    [Fact]
    public void Connack_refusals_have_clear_messages()
    {
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.BadUsernameOrPassword).Should().Contain("bad user name or password");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.NotAuthorized).Should().Contain("not authorised");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.IdentifierRejected).Should().Contain("client id rejected");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.ServerUnavailable).Should().Contain("server unavailable");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.UnacceptableProtocolVersion).Should().Contain("3.1.1");
        new MqttConnectionRefusedException(MqttConnectReturnCode.ServerUnavailable).IsRetryable.Should().BeTrue();
        new MqttConnectionRefusedException(MqttConnectReturnCode.NotAuthorized).IsRetryable.Should().BeFalse();
    }
}
