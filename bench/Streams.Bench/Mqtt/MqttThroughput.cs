using System.Diagnostics;
using System.Globalization;
using System.Reactive.Concurrency;
using System.Text;
using Streams.Mqtt;
using Baseline = Streams.Bench.Baseline;

namespace Streams.Bench.Mqtt;

/// <summary>
/// Publish throughput of 2.9 KB state messages to a local mosquitto, the old hand-written client
/// (<see cref="Baseline.MqttClient"/>, commit 85c4f98) and the MQTTnet adapter side by side in one
/// run: each broker setting, client and QoS gets a warm-up round and then the best of three.
/// At most 16 publishes are in flight, as a bridge with 16 packs has after one poll.
/// </summary>
internal static class MqttThroughput
{
    private const int Messages = 5_000;
    private const int InFlight = 16;
    private const int Rounds = 3;
    private const string Topic = "streams/pack1/state";

    public static async Task RunAsync()
    {
        var payload = StatePayload();
        Console.WriteLine($"{Messages} publishes of {payload.Length} B to {Topic}, {InFlight} in flight; best of {Rounds} rounds (msg/s, MB/s)");
        Console.WriteLine("| mosquitto | QoS | old client (85c4f98) | MQTTnet 5.2 adapter |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var noDelay in new[] { false, true })
        {
            using var broker = BenchmarkBroker.Start(noDelay);
            var old = new Baseline.MqttClient(
                new Baseline.MqttClientOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "bench-old", MaxInFlight = InFlight, MaxQueued = Messages },
                DefaultScheduler.Instance);
            var mqttNet = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "bench-mqttnet" }, DefaultScheduler.Instance);
            await old.ConnectAsync();
            await mqttNet.ConnectAsync();
            foreach (var qos1 in new[] { false, true })
            {
                var oldRate = await BestAsync(() => old.PublishAsync(Topic, payload, qos1 ? Baseline.Packets.MqttQualityOfService.AtLeastOnce : Baseline.Packets.MqttQualityOfService.AtMostOnce, retain: true));
                var newRate = await BestAsync(() => mqttNet.PublishAsync(Topic, payload, qos1 ? MqttQualityOfService.AtLeastOnce : MqttQualityOfService.AtMostOnce, retain: true));
                Console.WriteLine($"| set_tcp_nodelay {(noDelay ? "true" : "false")} | {(qos1 ? 1 : 0)} | {Format(oldRate, payload.Length)} | {Format(newRate, payload.Length)} |");
            }

            await old.DisposeAsync();
            await mqttNet.DisposeAsync();
        }
    }

    /// <summary>A state document of the size one EG4-LL poll produces (~2.9 KB of JSON).</summary>
    private static byte[] StatePayload()
    {
        var json = new StringBuilder("{");
        for (var i = 0; json.Length < 2_880; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $"\"cell_{i:00}_voltage\":{3.2 + (i % 10 * 0.001):0.000},");
        }

        json.Append("\"soc\":80}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static async Task<double> BestAsync(Func<Task> publish)
    {
        await RoundAsync(publish);
        var best = 0.0;
        for (var round = 0; round < Rounds; round++)
        {
            best = Math.Max(best, await RoundAsync(publish));
        }

        return best;
    }

    /// <summary>Messages per second for one round: every publish started within the in-flight window, all awaited.</summary>
    private static async Task<double> RoundAsync(Func<Task> publish)
    {
        using var window = new SemaphoreSlim(InFlight);
        var pending = new List<Task>(Messages);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++)
        {
            await window.WaitAsync();
            pending.Add(ReleaseAfter(publish(), window));
        }

        await Task.WhenAll(pending);
        return Messages / clock.Elapsed.TotalSeconds;
    }

    private static async Task ReleaseAfter(Task publish, SemaphoreSlim window)
    {
        try
        {
            await publish;
        }
        finally
        {
            window.Release();
        }
    }

    private static string Format(double perSecond, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"{perSecond:N0} msg/s, {perSecond * size / 1e6:0.0} MB/s");
}
