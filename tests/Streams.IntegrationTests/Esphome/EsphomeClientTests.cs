using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using FluentAssertions;
using Streams.IntegrationTests.Bluetooth;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome;
using Xunit;

namespace Streams.IntegrationTests.Esphome;

/// <summary>Our ESPHome API client and GATT link against the fake proxy process over real loopback TCP.</summary>
public sealed class EsphomeClientTests
{
    private static readonly TimeSpan Wait = ProxyClient.Wait;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_the_jbd_vectors_through_the_proxy_reassembled_from_notifications(bool encrypted)
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted);
        using var client = new ProxyClient(fake);

        var connection = await client.ConnectAsync();
        var session = await client.Proxy.LiveSession(Wait).ToTask();

        session.Info.Name.Should().Be(FakeEsphomeProxy.ProxyName);
        session.Info.Mac.Should().Be(FakeEsphomeProxy.ProxyMac);
        session.Info.EsphomeVersion.Should().Be("2026.1.0");
        await fake.WaitForAsync("hello streams 1.12", Wait);
        await fake.WaitForAsync("subscribed streams flags=1", Wait);
        await fake.WaitForAsync("connect A4:C1:37:04:2D:BE cache=0 type=0", Wait);
        await fake.WaitForAsync("cccd A4:C1:37:04:2D:BE 0100", Wait);
        await fake.WaitForAsync("notify A4:C1:37:04:2D:BE on", Wait);
        connection.Rssi.Should().Be(-62, "the advertisement's RSSI");

        foreach (var (request, reply) in new[] { ("jbd-req-03", "jbd-03-sp04s034-a"), ("jbd-req-04", "jbd-04-sp04s034-a"), ("jbd-req-05", "jbd-05-protocol-doc") })
        {
            var frame = await ProxyClient.ExchangeAsync(connection, JbdVectors.Hex(request));
            Convert.ToHexString(frame.Bytes.Span).Should().Be(JbdVectors.Hex(reply).ToUpperInvariant());
            await fake.WaitForAsync($"write A4:C1:37:04:2D:BE {JbdVectors.Hex(request).ToLowerInvariant()} response=0", Wait);
        }
    }

    [Fact]
    public async Task A_ble_drop_fails_the_notifications_and_the_reconnect_reuses_the_handles_with_the_cache_flag()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake);
        var first = await client.ConnectAsync();
        var ended = first.Notifications.Materialize().Where(n => n.Kind != System.Reactive.NotificationKind.OnNext).Take(1).Timeout(Wait).ToTask();

        await fake.SendAsync("drop A4:C1:37:04:2D:BE");

        (await ended).Exception.Should().BeOfType<BleLinkLostException>().Which.Message.Should().Contain("reports it disconnected");
        first.IsConnected.Should().BeFalse();
        await first.Disconnect().Timeout(Wait).ToTask();
        var second = await client.ConnectAsync();
        await fake.WaitForAsync("connect A4:C1:37:04:2D:BE cache=1 type=0", Wait);
        var frame = await ProxyClient.ExchangeAsync(second, JbdVectors.Hex("jbd-req-04"));
        Convert.ToHexString(frame.Bytes.Span).Should().Be(JbdVectors.Hex("jbd-04-sp04s034-a").ToUpperInvariant());
        fake.Log.Should().NotContain("services A4:C1:37:04:2D:BE none", "a cached connect asks for no services");
    }

    [Fact]
    public async Task A_proxy_restart_ends_the_link_and_the_next_connect_goes_through_a_new_api_connection()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake);
        var first = await client.ConnectAsync();
        var ended = first.Notifications.Materialize().Where(n => n.Kind != System.Reactive.NotificationKind.OnNext).Take(1).Timeout(Wait).ToTask();

        await fake.SendAsync("reboot 500");

        (await ended).Exception.Should().BeOfType<BleLinkLostException>().Which.Message.Should().Contain("connection to the ESPHome proxy ended");
        await fake.WaitForAsync("rebooted", Wait);
        var second = await client.ConnectAsync();
        await fake.WaitForAsync("handshake ok", Wait);
        var frame = await ProxyClient.ExchangeAsync(second, JbdVectors.Hex("jbd-req-03"));
        Convert.ToHexString(frame.Bytes.Span).Should().Be(JbdVectors.Hex("jbd-03-sp04s034-a").ToUpperInvariant());
    }

    [Fact]
    public async Task A_full_proxy_fails_at_once_with_the_typed_error_and_a_freed_slot_lets_the_next_connect_in()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: false, slots: 1);
        using var client = new ProxyClient(fake);
        await fake.SendAsync("occupy 11:22:33:44:55:66");
        await fake.WaitForAsync("occupied", Wait);
        await client.Proxy.LiveSession(Wait).ToTask();

        var full = () => client.ConnectAsync();

        (await full.Should().ThrowAsync<BleProxyFullException>()).Which.Message
            .Should().StartWith($"ESPHome proxy {FakeEsphomeProxy.ProxyName} (127.0.0.1:{fake.Port}) has no free Bluetooth connection slot: 0 of 1 free, in use by 11:22:33:44:55:66");
        await fake.SendAsync("state");
        (await fake.WaitForAsync("state ", Wait)).Should().Contain("\"connections\":[]");
        fake.Log.Should().NotContain("connect A4:C1:37:04:2D:BE", "no connect is sent to a full proxy");

        await fake.SendAsync("slots 2");
        await fake.WaitForAsync("slots 2", Wait);
        var connection = await client.ConnectAsync();
        connection.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task A_mosfet_write_round_trips_at_the_gatt_level()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake);
        var connection = await client.ConnectAsync();

        // 0xE1 with charge off, discharge on: DD 5A E1 02 00 01 FF 1C 77.
        var written = await ProxyClient.ExchangeAsync(connection, "DD5AE1020001FF1C77");
        var basic = await ProxyClient.ExchangeAsync(connection, JbdVectors.Hex("jbd-req-03"));

        Convert.ToHexString(written.Bytes.Span).Should().Be("DDE10000000077");
        await fake.WaitForAsync("mosfets A4:C1:37:04:2D:BE 2", Wait);
        (basic.Bytes.Span[4 + 20] & 0x03).Should().Be(0x02, "charge off, discharge on, read back from 0x03");
    }

    [Fact]
    public async Task Disconnect_frees_the_slot_and_a_new_connect_works()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake);
        var first = await client.ConnectAsync();

        await first.Disconnect().Timeout(Wait).ToTask();

        await fake.WaitForAsync("gone A4:C1:37:04:2D:BE", Wait);
        first.IsConnected.Should().BeFalse();
        (await first.Notifications.Materialize().Take(1).Timeout(Wait).ToTask()).Kind.Should().Be(System.Reactive.NotificationKind.OnCompleted);
        var second = await client.ConnectAsync();
        (await ProxyClient.ExchangeAsync(second, JbdVectors.Hex("jbd-req-05"))).Bytes.Length.Should().Be(JbdVectors.Hex("jbd-05-protocol-doc").Length / 2);
    }
}
