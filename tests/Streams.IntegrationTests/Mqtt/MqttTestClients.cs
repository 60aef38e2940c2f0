using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Serilog;
using Streams.Mqtt;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>Clients wired to a test broker with short timings, and bounded waits on their state.</summary>
internal static class MqttTestClients
{
    public static readonly MqttReconnectPolicy FastReconnect = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(500),
        Jitter = 0.2,
        RefusedRetryDelay = TimeSpan.FromSeconds(60),
        StableAfter = TimeSpan.FromSeconds(5),
    };

    public static MqttClientOptions Options(int port, string clientId) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = clientId,
        KeepAlive = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ShutdownTimeout = TimeSpan.FromSeconds(3),
        Reconnect = FastReconnect,
    };

    public static MqttClient Create(MqttClientOptions options, IScheduler? scheduler = null, ILogger? logger = null) =>
        new(options, scheduler ?? DefaultScheduler.Instance, logger);

    public static async Task<T> WaitForStateAsync<T>(this IMqttClient client, TimeSpan? timeout = null)
        where T : MqttConnectionState
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            return await client.States.OfType<T>().FirstAsync().ToTask().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"client never reached {typeof(T).Name} within {limit.TotalSeconds} s; it is {client.CurrentState}");
        }
    }
}
