using System.Reactive.Concurrency;
using Streams.Composition;
using Streams.Config.Model;
using Streams.HomeAssistant;
using Streams.Mqtt;

namespace Streams.IntegrationTests.HomeAssistant;

/// <summary>The bridge's Home Assistant side as the lead wires it: config → client options → client → publisher.</summary>
internal sealed class BridgeUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _run = new();

    private BridgeUnderTest(StreamsConfig config, MqttClient client, HomeAssistantPublisher publisher)
    {
        Config = config;
        Client = client;
        Publisher = publisher;
        Running = publisher.RunAsync(_run.Token);
    }

    public StreamsConfig Config { get; }

    public MqttClient Client { get; }

    public HomeAssistantPublisher Publisher { get; }

    public Task Running { get; }

    public static StreamsConfig ConfigFor(int port, DiscoveryMode mode) => new(
        [
            new Eg4ModbusSourceConfig("/dev/ttyUSB0", 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10), 39, TimeSpan.FromMilliseconds(5), null, [new PackConfig("pack1", 1)]),
            new JbdBleSourceConfig("AA:BB:CC:DD:EE:FF", "jbd1", "hci0", null, AllowControl: true, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
        ],
        new MqttConfig("127.0.0.1", port, null, null, $"bridge-{Guid.NewGuid():N}"[..20], TimeSpan.FromSeconds(5), "homeassistant", "streams", mode, null),
        new LoggingConfig(Serilog.Events.LogEventLevel.Information, null, Serilog.Events.LogEventLevel.Information),
        HealthConfig.Default,
        ConfigFormat.Native);

    public static async Task<BridgeUnderTest> StartAsync(int port, DiscoveryMode mode = DiscoveryMode.Device)
    {
        var config = ConfigFor(port, mode);
        var options = BridgeMqttClientOptions.Create(config.Mqtt!) with
        {
            Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) },
        };
        var client = new MqttClient(options, Scheduler.Default);
        var publisher = HomeAssistantPublisher.ForBroker(Streams.Composition.HomeAssistantSetup.Options(config), client, Scheduler.Default, Serilog.Core.Logger.None);
        var bridge = new BridgeUnderTest(config, client, publisher);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(timeout.Token);
        return bridge;
    }

    /// <summary>Stops cleanly: the publisher's and the client's retained "offline", then DISCONNECT.</summary>
    public async ValueTask DisposeAsync()
    {
        await _run.CancelAsync();
        await Running;
        await Task.Delay(100);
        await Client.DisposeAsync();
        Publisher.Dispose();
    }
}
