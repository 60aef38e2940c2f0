using System.Reactive.Concurrency;
using FluentAssertions;
using Serilog.Core;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>One proxy connection per <c>host:port</c> for a run, and the link a source gets through it.</summary>
public sealed class EsphomeProxiesTests
{
    private const string Key = "px7tsbK3C7bpXHr2OevEV2ZMg/FrNyw2+O/xrsCIIL4=";
    private static readonly IScheduler Scheduler = new HistoricalScheduler();

    private static EsphomeProxyConfig Proxy(string host = "bms-proxy.local", int port = 6053) => new(host, port, new Secret(Key), null);

    [Fact]
    public void Sources_naming_one_proxy_share_it_whatever_the_host_s_case()
    {
        var proxies = new EsphomeProxies();

        proxies.For(Proxy(), Scheduler, Logger.None).Should().BeSameAs(proxies.For(Proxy("BMS-Proxy.local"), Scheduler, Logger.None));
    }

    [Fact]
    public void Another_port_or_host_is_another_proxy()
    {
        var proxies = new EsphomeProxies();
        var first = proxies.For(Proxy(), Scheduler, Logger.None);

        proxies.For(Proxy(port: 6054), Scheduler, Logger.None).Should().NotBeSameAs(first);
        proxies.For(Proxy("other.local"), Scheduler, Logger.None).Should().NotBeSameAs(first);
    }

    [Fact]
    public void The_endpoint_carries_the_decoded_key_and_never_prints_it()
    {
        var endpoint = EsphomeProxies.Endpoint(Proxy() with { ApiPassword = new Secret("old") });

        endpoint.EncryptionKey.Should().Equal(Convert.FromBase64String(Key));
        endpoint.Password.Should().Be("old");
        endpoint.ToString().Should().Be("bms-proxy.local:6053 (encrypted)");
    }

    [Fact]
    public void A_source_with_a_proxy_gets_a_link_through_it_and_BlueZ_is_not_asked()
    {
        var opened = new List<string>();
        var context = new SourceContext(Scheduler, Logger.None, HealthConfig.Default)
        {
            OpenBle = (adapter, mac, profile) =>
            {
                opened.Add(mac);
                return new EsphomeBleLink(new EsphomeProxy(new EsphomeEndpoint("unused"), new EsphomeProxyOptions(Logger.None), Scheduler), mac, profile);
            },
        };

        using var link = context.BleLink("hci0", Proxy(), "a4:c1:37:04:2d:be", JbdGattProfile.Profile);
        using var local = context.BleLink("hci0", null, "A4:C1:37:00:00:01", JbdGattProfile.Profile);

        link.Should().BeOfType<EsphomeBleLink>().Which.Address.Should().Be("A4:C1:37:04:2D:BE");
        opened.Should().Equal("A4:C1:37:00:00:01");
    }
}
