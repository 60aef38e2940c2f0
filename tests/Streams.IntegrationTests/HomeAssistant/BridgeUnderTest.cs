using System.Reactive.Concurrency;
using Streams.Composition;
using Streams.Config.Model;
using Streams.HomeAssistant;
using Streams.Mqtt;

namespace Streams.IntegrationTests.HomeAssistant;

/// <summary>The bridge's Home Assistant side as the lead wires it: config → client options → client → publisher.</summary>
internal sealed class BridgeUnderTest : IAsyncDisposable
{
    private readonly IDisposable _session;
    private IDisposable? _watch;

    private BridgeUnderTest(StreamsConfig config, MqttClient client, HomeAssistantPublisher publisher)
    {
        Config = config;
        Client = client;
        Publisher = publisher;
        _session = publisher.Start();
    }

    public StreamsConfig Config { get; }

    public MqttClient Client { get; }

    public HomeAssistantPublisher Publisher { get; }

    public static StreamsConfig ConfigFor(int port, DiscoveryMode mode) => new(
        [
            new Eg4ModbusSourceConfig("/dev/ttyUSB0", 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10), 39, TimeSpan.FromMilliseconds(5), null, [new PackConfig("pack1", 1)]),
            new JbdBleSourceConfig("AA:BB:CC:DD:EE:FF", "jbd1", "hci0", null, AllowControl: true, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
        ],
        new MqttConfig("127.0.0.1", port, null, null, $"bridge-{Guid.NewGuid():N}"[..20], TimeSpan.FromSeconds(5), "homeassistant", "streams", mode, null),
        new LoggingConfig(Serilog.Events.LogEventLevel.Information, null, Serilog.Events.LogEventLevel.Information),
        HealthConfig.Default,
        ConfigFormat.Native);

    /// <param name="subscribe">Subscribes to the publisher before the first connect (say to its commands); undone on disposal.</param>
    public static async Task<BridgeUnderTest> StartAsync(int port, DiscoveryMode mode = DiscoveryMode.Device, Func<HomeAssistantPublisher, IDisposable>? subscribe = null)
    {
        var config = ConfigFor(port, mode);
        var options = BridgeMqttClientOptions.Create(config.Mqtt!) with
        {
            Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) },
        };
        var client = new MqttClient(options, Scheduler.Default);
        var publisher = HomeAssistantSetup.ForBroker(config, client, Scheduler.Default, Serilog.Core.Logger.None);
        var bridge = new BridgeUnderTest(config, client, publisher);
        bridge._watch = subscribe?.Invoke(publisher);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(timeout.Token);
        return bridge;
    }

    /// <summary>Stops cleanly: the publisher's and the client's retained "offline", then DISCONNECT.</summary>
    public async ValueTask DisposeAsync()
    {
        _watch?.Dispose();
        _session.Dispose();
        await Client.DisposeAsync();
        Publisher.Dispose();
    }
}
