using FluentAssertions;
using Streams.Mqtt;
using Xunit;
using static Streams.IntegrationTests.Mqtt.MosquittoRoundTripTests;
using static Streams.IntegrationTests.Mqtt.MqttTestClients;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>TLS against mosquitto with a CA and certificates the test generates (mqtt.md §1.3, §7).</summary>
public sealed class MosquittoTlsTests
{
    private static readonly MosquittoListener Tls = new("tls") { Tls = true };
    private static readonly MosquittoListener MutualTls = new("mtls") { Tls = true, RequireClientCertificate = true, Anonymous = false };

    [Fact]
    public async Task Connects_with_the_test_ca_and_carries_messages()
    {
        await using var broker = await MosquittoBroker.StartAsync(Tls);
        var options = Options(broker.Port("tls"), "tls-client") with { Tls = new MqttTlsOptions { CaFile = broker.Pki!.CaFile } };
        await using var client = Create(options);
        using var seen = new MessageLog(client.Messages);

        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await client.SubscribeAsync("bms/#", MqttQualityOfService.AtLeastOnce);
        await client.PublishAsync("bms/pack1/state", Utf8("tls-ok"), MqttQualityOfService.AtLeastOnce, retain: false);

        await seen.WaitForAsync("bms/pack1/state", "tls-ok");
        broker.AssertNoProtocolComplaints();
    }

    [Fact]
    public async Task Host_name_localhost_matches_the_dns_san()
    {
        await using var broker = await MosquittoBroker.StartAsync(Tls);
        var options = Options(broker.Port("tls"), "tls-localhost") with { Host = "localhost", Tls = new MqttTlsOptions { CaFile = broker.Pki!.CaFile } };
        await using var client = Create(options);

        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        client.CurrentState.Should().BeOfType<MqttConnectionState.Connected>();
    }

    [Fact]
    public async Task Server_certificate_from_another_ca_is_refused_and_retried_slowly()
    {
        await using var broker = await MosquittoBroker.StartAsync(Tls);
        var options = Options(broker.Port("tls"), "tls-rogue") with { Tls = new MqttTlsOptions { CaFile = broker.Pki!.RogueCaFile } };
        await using var client = Create(options);

        client.Start();
        var failed = await client.WaitForStateAsync<MqttConnectionState.Disconnected>();

        failed.Reason.Should().StartWith("TLS:");
        failed.RetryIn.Should().Be(FastReconnect.RefusedRetryDelay, "a trust failure needs a fix, not a fast retry");
        broker.CountLog("New client connected from").Should().Be(0, "the CONNECT never passed the handshake");
    }

    [Fact]
    public async Task Host_name_mismatch_is_refused_unless_verification_is_off()
    {
        await using var broker = await MosquittoBroker.StartAsync(Tls);
        var strict = Options(broker.Port("tls"), "tls-mismatch") with { Tls = new MqttTlsOptions { CaFile = broker.Pki!.CaFile, ServerName = "mqtt.example.org" } };
        await using (var client = Create(strict))
        {
            client.Start();
            (await client.WaitForStateAsync<MqttConnectionState.Disconnected>()).Reason.Should().StartWith("TLS:");
        }

        var relaxed = strict with { ClientId = "tls-relaxed", Tls = strict.Tls with { VerifyHostname = false } };
        await using var relaxedClient = Create(relaxed);
        await relaxedClient.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Insecure_flag_accepts_any_certificate()
    {
        await using var broker = await MosquittoBroker.StartAsync(Tls);
        var options = Options(broker.Port("tls"), "tls-insecure") with { Tls = new MqttTlsOptions { CaFile = broker.Pki!.RogueCaFile, Insecure = true } };
        await using var client = Create(options);

        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        client.CurrentState.Should().BeOfType<MqttConnectionState.Connected>();
    }

    [Fact]
    public async Task Mutual_tls_with_a_client_certificate_connects()
    {
        await using var broker = await MosquittoBroker.StartAsync(MutualTls);
        var pki = broker.Pki!;
        var options = Options(broker.Port("mtls"), "mtls-client") with
        {
            Tls = new MqttTlsOptions { CaFile = pki.CaFile, ClientCertificateFile = pki.ClientCertificateFile, ClientKeyFile = pki.ClientKeyFile },
        };
        await using var client = Create(options);
        using var seen = new MessageLog(client.Messages);

        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await client.SubscribeAsync("m", MqttQualityOfService.AtMostOnce);
        await client.PublishAsync("m", Utf8("mutual"), MqttQualityOfService.AtLeastOnce, retain: false);

        await seen.WaitForAsync("m", "mutual");
    }

    [Fact]
    public async Task Mutual_tls_without_a_client_certificate_is_an_authentication_failure_not_a_fast_loop()
    {
        await using var broker = await MosquittoBroker.StartAsync(MutualTls);
        var options = Options(broker.Port("mtls"), "mtls-nocert") with { Tls = new MqttTlsOptions { CaFile = broker.Pki!.CaFile } };
        await using var client = Create(options);

        client.Start();
        var failed = await client.WaitForStateAsync<MqttConnectionState.Disconnected>();

        failed.Reason.Should().Contain("before CONNACK").And.Contain("client certificate");
        failed.RetryIn.Should().Be(FastReconnect.RefusedRetryDelay);
    }
}
