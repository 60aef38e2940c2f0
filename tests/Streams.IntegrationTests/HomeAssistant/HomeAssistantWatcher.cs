using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Text;
using Streams.Mqtt;

namespace Streams.IntegrationTests.HomeAssistant;

/// <summary>
/// Plays Home Assistant on the broker: subscribes to the discovery prefix and the bridge's base
/// topic, keeps every message and the retained value per topic, and can send HA's birth.
/// </summary>
internal sealed class HomeAssistantWatcher : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly ConcurrentDictionary<string, string> _retained = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    private HomeAssistantWatcher(int port, string clientId)
    {
        _client = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = port, ClientId = clientId, KeepAlive = TimeSpan.FromSeconds(5) }, Scheduler.Default);
        _subscription = _client.Messages.Subscribe(message =>
        {
            Messages.Enqueue(message);
            if (message.Payload.Length == 0)
            {
                _retained.TryRemove(message.Topic, out _);
            }
            else
            {
                _retained[message.Topic] = message.PayloadText;
            }
        });
    }

    public ConcurrentQueue<MqttApplicationMessage> Messages { get; } = new();

    /// <summary>The latest non-empty payload per topic (what a new subscriber would get, for retained topics).</summary>
    public IReadOnlyDictionary<string, string> Latest => new Dictionary<string, string>(_retained, StringComparer.Ordinal);

    public static async Task<HomeAssistantWatcher> StartAsync(int port, string prefix = "homeassistant", string baseTopic = "streams")
    {
        var watcher = new HomeAssistantWatcher(port, $"ha-{Guid.NewGuid():N}"[..20]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await watcher._client.ConnectAsync(timeout.Token);
        await watcher._client.SubscribeAsync($"{prefix}/#", MqttQualityOfService.AtMostOnce, timeout.Token);
        await watcher._client.SubscribeAsync($"{baseTopic}/#", MqttQualityOfService.AtMostOnce, timeout.Token);
        return watcher;
    }

    public Task PublishAsync(string topic, string payload, bool retain = false) =>
        _client.PublishAsync(topic, Encoding.UTF8.GetBytes(payload), MqttQualityOfService.AtLeastOnce, retain);

    /// <summary>Waits until a message after <paramref name="since"/> (a <see cref="Messages"/> count) matches.</summary>
    public async Task<MqttApplicationMessage> WaitForAsync(Func<MqttApplicationMessage, bool> match, int since = 0, double seconds = 15, string? what = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (Messages.Skip(since).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no message {what} within {seconds} s; saw: {string.Join(", ", Messages.Skip(since).Select(m => $"{m.Topic}={Shorten(m.PayloadText)}").Take(60))}");
    }

    /// <summary>Waits until the message stream has been quiet for <paramref name="quiet"/>.</summary>
    public async Task SettleAsync(TimeSpan quiet)
    {
        var count = -1;
        while (count != Messages.Count)
        {
            count = Messages.Count;
            await Task.Delay(quiet);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _client.DisposeAsync();
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
