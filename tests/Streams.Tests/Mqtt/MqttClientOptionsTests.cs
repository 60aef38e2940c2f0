using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Mqtt;
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
        { "reconnect", "reconnect delays" },
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
            _ => Valid with { Reconnect = new MqttReconnectPolicy { MaxDelay = TimeSpan.Zero } },
        };

        var act = () => new MqttClient(options, new HistoricalScheduler());

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain(reason).And.NotContain("\n");
    }

    [Fact]
    public void Pings_go_out_every_half_keep_alive_and_time_out_after_another_half()
    {
        var options = Valid with { KeepAlive = TimeSpan.FromSeconds(30) };

        options.PingInterval.Should().Be(TimeSpan.FromSeconds(15));
        options.EffectivePingTimeout.Should().Be(TimeSpan.FromSeconds(15));
        (options with { PingTimeout = TimeSpan.FromSeconds(2) }).EffectivePingTimeout.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void The_default_keep_alive_notices_a_frozen_broker_within_about_30_seconds()
    {
        // Worst case: the broker freezes right after answering a ping; the next ping goes out one
        // interval later and is given one timeout. The broker itself waits 1.5 x keep-alive.
        Valid.KeepAlive.Should().Be(TimeSpan.FromSeconds(20));
        (Valid.PingInterval + Valid.EffectivePingTimeout).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        (Valid.KeepAlive * 1.5).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Publishing_to_a_wildcard_topic_fails_before_anything_is_queued()
    {
        await using var client = new MqttClient(Valid, new HistoricalScheduler());

        Action act = () => _ = client.PublishAsync("bms/#", default, MqttQualityOfService.AtLeastOnce, retain: false);

        act.Should().Throw<ArgumentException>().WithMessage("*wildcard*");
    }

    [Theory]
    [InlineData(MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttQualityOfService.AtLeastOnce)]
    public async Task Publish_without_a_connection_says_so_at_either_qos(MqttQualityOfService qos)
    {
        await using var client = new MqttClient(Valid, new HistoricalScheduler());

        var act = () => client.PublishAsync("bms/x", new byte[] { 1 }, qos, retain: false);

        await act.Should().ThrowAsync<MqttNotConnectedException>().WithMessage("*not connected to 127.0.0.1:1883*");
    }

    [Fact]
    public void Connack_refusals_have_clear_messages()
    {
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.BadUsernameOrPassword).Should().Contain("bad user name or password");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.NotAuthorized).Should().Contain("not authorised");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.IdentifierRejected).Should().Contain("client id rejected");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.ServerUnavailable).Should().Contain("server unavailable");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.UnacceptableProtocolVersion).Should().Contain("protocol to 3.1.1");
        MqttConnectionRefusedException.Describe(MqttConnectReturnCode.Other, "Banned").Should().Contain("Banned");
        new MqttConnectionRefusedException(MqttConnectReturnCode.ServerUnavailable).IsRetryable.Should().BeTrue();
        new MqttConnectionRefusedException(MqttConnectReturnCode.NotAuthorized).IsRetryable.Should().BeFalse();
    }
}
