using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Text;
using FluentAssertions;
using Streams.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.Mqtt;
using Streams.Tests.HomeAssistant;
using Xunit;
using Xunit.Abstractions;

namespace Streams.IntegrationTests.HomeAssistant;

/// <summary>
/// A measured run, not a benchmark: per-poll cost of one EG4-LL pack (vector eg4ll-wombatt-info) and
/// how fast its state document goes to a local mosquitto at QoS 0 and QoS 1, end to end (until a
/// subscriber has received every message). Figures go to the test output.
/// </summary>
public class PublishThroughputTests(ITestOutputHelper output)
{
    private static readonly MosquittoListener Plain = new("plain");

    private const int Count = 5000;

    [Theory]
    [InlineData(MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttQualityOfService.AtLeastOnce)]
    public async Task State_documents_reach_a_subscriber(MqttQualityOfService qos)
    {
        var reading = HaReadings.Eg4();
        var payload = Encoding.UTF8.GetBytes(StatePayload.Build(reading));
        const string topic = "streams/pack1/state";
        output.WriteLine($"one poll of one pack: 1 message, topic {topic.Length} B + payload {payload.Length} B = PUBLISH of {PublishSize(topic, payload.Length, qos)} B ({reading.Fields.Count} fields)");

        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var receiver = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = broker.Port(Plain.Name), ClientId = "perf-receiver" }, Scheduler.Default);
        var received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var counting = receiver.Messages.Subscribe(_ =>
        {
            if (Interlocked.Increment(ref received) == Count)
            {
                all.TrySetResult();
            }
        });
        await receiver.ConnectAsync();
        await receiver.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
        await using var sender = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = broker.Port(Plain.Name), ClientId = "perf-sender" }, Scheduler.Default);
        await sender.ConnectAsync();

        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(Count);
        for (var i = 0; i < Count; i++)
        {
            sends.Add(sender.PublishAsync(topic, payload, qos, retain: false));
        }

        await Task.WhenAll(sends);
        var sent = clock.Elapsed;
        await Task.WhenAny(all.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        var delivered = clock.Elapsed;

        received.Should().Be(Count);
        output.WriteLine($"QoS {(int)qos}: {Count} × {payload.Length} B sent in {sent.TotalMilliseconds:0} ms, all received after {delivered.TotalMilliseconds:0} ms = {Count / delivered.TotalSeconds:0} msg/s, {Count * (double)payload.Length / delivered.TotalSeconds / 1e6:0.0} MB/s");
    }

    private static int PublishSize(string topic, int payload, MqttQualityOfService qos)
    {
        var remaining = 2 + Encoding.UTF8.GetByteCount(topic) + (qos == MqttQualityOfService.AtLeastOnce ? 2 : 0) + payload;
        var lengthBytes = remaining < 128 ? 1 : remaining < 16384 ? 2 : 3;
        return 1 + lengthBytes + remaining;
    }
}
