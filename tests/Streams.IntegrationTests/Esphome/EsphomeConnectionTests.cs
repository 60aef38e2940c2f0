using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Security.Cryptography;
using FluentAssertions;
using Streams.Transports.Esphome;
using Xunit;

namespace Streams.IntegrationTests.Esphome;

/// <summary>The API connection's setup and keep-alive against the fake proxy: the errors a user can fix, the legacy password, pings both ways.</summary>
public sealed class EsphomeConnectionTests
{
    private static readonly TimeSpan Wait = ProxyClient.Wait;

    [Fact]
    public async Task A_wrong_encryption_key_is_named_as_such()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake, key: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), useFakeKey: false);
        using var hold = client.Proxy.States.Subscribe();

        var session = () => client.Proxy.LiveSession(TimeSpan.FromSeconds(5)).ToTask();

        (await session.Should().ThrowAsync<EsphomeApiException>()).Which.Message
            .Should().Be($"ESPHome proxy 127.0.0.1:{fake.Port} rejected the encryption key: it is not the key in the proxy's api: encryption: key (Handshake MAC failure)");
        await fake.WaitForAsync("refused Handshake MAC failure", Wait);
    }

    [Fact]
    public async Task A_plaintext_client_at_an_encrypted_proxy_is_told_to_set_the_key()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake, key: null, useFakeKey: false);
        using var hold = client.Proxy.States.Subscribe();

        var session = () => client.Proxy.LiveSession(TimeSpan.FromSeconds(5)).ToTask();

        (await session.Should().ThrowAsync<EsphomeApiException>()).Which.Message.Should().Contain("requires encryption: set its API encryption key");
    }

    [Fact]
    public async Task An_encrypted_client_at_a_plaintext_proxy_is_told_to_leave_the_key_out()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: false);
        using var client = new ProxyClient(fake, key: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), useFakeKey: false);
        using var hold = client.Proxy.States.Subscribe();

        var session = () => client.Proxy.LiveSession(TimeSpan.FromSeconds(5)).ToTask();

        (await session.Should().ThrowAsync<EsphomeApiException>()).Which.Message.Should().Contain("does not use encryption");
    }

    [Fact]
    public async Task A_legacy_password_does_not_hang_a_current_proxy_that_never_answers_it()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake, password: "secret");

        var session = await client.Proxy.LiveSession(Wait).ToTask();

        await fake.WaitForAsync("auth", Wait);
        session.Info.Name.Should().Be(FakeEsphomeProxy.ProxyName);
        (await client.ConnectAsync()).IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task An_older_proxy_refusing_the_legacy_password_ends_the_connection_with_that_reason()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: false, legacyPassword: "right");
        using var client = new ProxyClient(fake, password: "wrong");
        var down = client.Proxy.States.OfType<ProxyState.Down>().Take(1).Timeout(Wait).ToTask();

        // The refusal comes before the device info, so the proxy is still named by its address.
        (await down).Reason.Message.Should().Be($"ESPHome proxy 127.0.0.1:{fake.Port} refused the API password (api: password in its YAML)");
    }

    [Fact]
    public async Task The_proxys_pings_are_answered()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake);
        await client.ConnectAsync();

        await fake.SendAsync("ping");

        await fake.WaitForAsync("pong", Wait);
    }

    [Fact]
    public async Task A_disconnect_request_from_the_proxy_is_acknowledged_and_the_client_reconnects()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake);
        await client.ConnectAsync();
        var down = client.Proxy.States.OfType<ProxyState.Down>().Take(1).Timeout(Wait).ToTask();

        await fake.SendAsync("disconnect-clients");

        (await down).Reason.Message.Should().Contain("closed the API connection");
        await fake.WaitForAsync("client closed streams", Wait);
        await fake.WaitForAsync("hello streams", Wait);
        (await client.ConnectAsync()).IsConnected.Should().BeTrue();
    }
}
