using System.Reactive.Concurrency;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Streams.Mqtt;

namespace Streams.Bench.Mqtt;

/// <summary>
/// Publish throughput of <see cref="MqttClient"/> to a local mosquitto (started here, loopback only).
/// One operation = one 64-byte publish; Op/s is messages per second.
/// </summary>
[Config(typeof(MessagesPerSecondConfig))]
[MemoryDiagnoser]
public class MqttPublishBenchmarks
{
    private const int Messages = 20_000;
    private static readonly byte[] Payload = new byte[64];

    private BenchmarkBroker? _broker;
    private MqttClient? _client;

    [GlobalSetup]
    public void Setup()
    {
        _broker = BenchmarkBroker.Start();
        _client = new MqttClient(
            new MqttClientOptions { Host = "127.0.0.1", Port = _broker.Port, ClientId = "bench", MaxInFlight = 1024, MaxQueued = Messages },
            DefaultScheduler.Instance);
        _client.ConnectAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _broker?.Dispose();
    }

    /// <summary>QoS 0, each publish awaited (completes once written to the socket).</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task Qos0()
    {
        for (var i = 0; i < Messages; i++)
        {
            await _client!.PublishAsync("bench/qos0", Payload, MqttQualityOfService.AtMostOnce, retain: false);
        }
    }

    /// <summary>QoS 1, pipelined: all publishes started, then every PUBACK awaited (window of 1024 in flight).</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Qos1Pipelined()
    {
        var acks = new Task[Messages];
        for (var i = 0; i < Messages; i++)
        {
            acks[i] = _client!.PublishAsync("bench/qos1", Payload, MqttQualityOfService.AtLeastOnce, retain: false);
        }

        return Task.WhenAll(acks);
    }

    /// <summary>QoS 1, one at a time: each publish waits for its PUBACK (a loopback round trip per message).</summary>
    [Benchmark(OperationsPerInvoke = 2_000)]
    public async Task Qos1Sequential()
    {
        for (var i = 0; i < 2_000; i++)
        {
            await _client!.PublishAsync("bench/qos1s", Payload, MqttQualityOfService.AtLeastOnce, retain: false);
        }
    }

    private sealed class MessagesPerSecondConfig : ManualConfig
    {
        public MessagesPerSecondConfig()
        {
            AddColumn(StatisticColumn.OperationsPerSecond);
        }
    }
}
