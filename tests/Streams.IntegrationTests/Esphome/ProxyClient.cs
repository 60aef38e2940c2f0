using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Streams.Devices.Jbd;
using Streams.Devices.Jbd.Ble;
using Streams.Framing;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome;

namespace Streams.IntegrationTests.Esphome;

/// <summary>Our ESPHome client (proxy + one JBD link) pointed at a <see cref="FakeEsphomeProxy"/>, on the real clock.</summary>
internal sealed class ProxyClient : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    public static readonly GattProfile Jbd = JbdGattProfile.Profile;

    public ProxyClient(FakeEsphomeProxy fake, string? key = null, string? password = null, bool useFakeKey = true)
    {
        var endpoint = new EsphomeEndpoint("127.0.0.1", fake.Port, (useFakeKey ? fake.Key : key) is { } base64 ? EsphomeEndpoint.DecodeKey(base64) : null, password);
        Proxy = new EsphomeProxy(endpoint, new EsphomeProxyOptions(Serilog.Core.Logger.None) { Reconnect = new Transports.Serial.ReconnectPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)) }, TaskPoolScheduler.Default);
        Link = new EsphomeBleLink(Proxy, FakeEsphomeProxy.BmsMac, Jbd, new EsphomeBleLinkOptions { DisconnectTimeout = TimeSpan.FromSeconds(2) });
    }

    public EsphomeProxy Proxy { get; }

    public EsphomeBleLink Link { get; }

    public Task<IBleConnection> ConnectAsync() => Link.Connect().Take(1).Timeout(Wait).ToTask();

    /// <summary>Writes <paramref name="request"/> and returns the first whole JBD frame the notifications carry.</summary>
    public static Task<JbdFrame> ExchangeAsync(IBleConnection connection, string request)
    {
        var reply = connection.Notifications.FrameJbd().Take(1).Timeout(Wait).ToTask();
        connection.Write(Convert.FromHexString(request));
        return reply;
    }

    public void Dispose() => Link.Dispose();
}
