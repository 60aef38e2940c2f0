using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Security.Authentication;
using System.Text;
using Serilog;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Mqtt;

namespace Streams.Tools;

/// <summary>
/// <c>streams migrate --from-python-bridge</c>: clears the retained per-value discovery configs the
/// Python bridge left for the configured packs (see <see cref="PythonBridgeTopics"/>), so Home
/// Assistant drops its old entities and devices. Only configs that are retained on the broker and
/// carry the Python bridge's own <c>unique_id</c> are touched; anything else under those topics is left alone.
/// </summary>
public static class PythonBridgeMigration
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>One run: what was (or would be) cleared, and a one-line summary; <see cref="Failure"/> is set instead when the broker could not be used.</summary>
    public sealed record Outcome(IReadOnlyList<string> Cleared, IReadOnlyList<string> LeftAlone, string Summary, string? Failure = null);

    /// <summary>Reads the retained configs under <c>&lt;prefix&gt;/sensor/+/config</c>, then clears the Python bridge's (or, <paramref name="dryRun"/>, only lists them).</summary>
    public static async Task<Outcome> RunAsync(StreamsConfig config, bool dryRun, ILogger log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Mqtt is not { } mqtt)
        {
            return Failed("the configuration has no mqtt: section; migrate needs the broker the Python bridge published to");
        }

        var packs = ConfiguredDevices.From(config).Keys.ToArray();
        var candidates = packs.SelectMany(pack => PythonBridgeTopics.For(mqtt.DiscoveryPrefix, pack))
            .ToDictionary(c => c.Topic, c => c.UniqueId, StringComparer.Ordinal);
        var options = BridgeMqttClientOptions.OneShot(mqtt) with
        {
            // Not the bridge's id (a running bridge would be kicked off), and no will: this is not the bridge.
            ClientId = $"{mqtt.EffectiveClientId}-migrate",
            Will = null,
            ShutdownMessage = null,
        };

        var retained = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var marker = $"{mqtt.BaseTopic}/bridge/migrate/{Guid.NewGuid():N}";
        var markerSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new MqttClient(options, DefaultScheduler.Instance, log);
        using var received = client.Messages.Subscribe(message =>
        {
            if (message.Topic == marker)
            {
                markerSeen.TrySetResult();
            }
            else if (message.Retain && message.Payload.Length > 0)
            {
                retained[message.Topic] = message.PayloadText;
            }
        });

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(Timeout);
        try
        {
            await client.ConnectAsync(deadline.Token);
            await client.SubscribeAsync($"{mqtt.DiscoveryPrefix}/sensor/+/config", MqttQualityOfService.AtLeastOnce, deadline.Token);
            await client.SubscribeAsync(marker, MqttQualityOfService.AtLeastOnce, deadline.Token);

            // The broker sends the retained configs right after the SUBACK, before anything published later:
            // once this message of ours comes back, they have all arrived.
            await client.PublishAsync(marker, Encoding.UTF8.GetBytes("migrate"), MqttQualityOfService.AtLeastOnce, retain: false, deadline.Token);
            await markerSeen.Task.WaitAsync(deadline.Token);

            var cleared = retained.Where(r => candidates.TryGetValue(r.Key, out var id) && PythonBridgeTopics.IsItsConfig(r.Value, id)).Select(r => r.Key).Order(StringComparer.Ordinal).ToArray();
            var leftAlone = retained.Keys.Where(t => candidates.ContainsKey(t) && !cleared.Contains(t)).Order(StringComparer.Ordinal).ToArray();
            if (!dryRun)
            {
                foreach (var topic in cleared)
                {
                    await client.PublishAsync(topic, ReadOnlyMemory<byte>.Empty, MqttQualityOfService.AtLeastOnce, retain: true, deadline.Token);
                }
            }

            return new Outcome(cleared, leftAlone, Summary(cleared.Length, leftAlone.Length, packs, dryRun));
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return Failed(markerSeen.Task.IsCompleted || client.CurrentState is not MqttConnectionState.Connected
                ? $"no answer from the MQTT broker {mqtt.Host}:{mqtt.Port} within {Timeout.TotalSeconds:0} s ({client.CurrentState})"
                : $"the MQTT broker {mqtt.Host}:{mqtt.Port} did not echo this client's message on {marker} within {Timeout.TotalSeconds:0} s; may it read and write {mqtt.BaseTopic}/# (ACL)?");
        }
        catch (Exception failure) when (failure is MqttConnectionRefusedException or AuthenticationException or MqttNotConnectedException or InvalidOperationException)
        {
            return Failed($"MQTT broker {mqtt.Host}:{mqtt.Port}: {failure.Message}");
        }
    }

    private static string Summary(int cleared, int leftAlone, IReadOnlyList<string> packs, bool dryRun)
    {
        var verb = dryRun ? "would clear" : "cleared";
        var names = packs.Count == 0 ? "no packs configured" : $"{packs.Count} pack(s): {string.Join(", ", packs)}";
        var others = leftAlone == 0 ? string.Empty : $"; {leftAlone} config(s) on those topics are not the Python bridge's and were left alone";
        return $"{verb} {cleared} retained discovery config(s) of the Python bridge for {names}{others}";
    }

    private static Outcome Failed(string reason) => new([], [], string.Empty, reason);
}
