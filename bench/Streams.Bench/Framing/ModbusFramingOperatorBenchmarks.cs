using System.Reactive.Linq;
using BenchmarkDotNet.Attributes;
using Streams.Devices.Modbus;

namespace Streams.Bench.Framing;

/// <summary>The Rx framing operator over 1 MiB in 4 KiB chunks: scanning plus one owned copy per frame.</summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class ModbusFramingOperatorBenchmarks
{
    private IObservable<ReadOnlyMemory<byte>> _chunks = Observable.Empty<ReadOnlyMemory<byte>>();

    public static long BytesPerOperation => 1 << 20;

    [Params(Traffic.Clean, Traffic.Noise, Traffic.Corrupted10)]
    public Traffic Traffic { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bytes = Traffic switch
        {
            Traffic.Clean => BusTraffic.Clean((int)BytesPerOperation),
            Traffic.Noise => BusTraffic.Noise((int)BytesPerOperation),
            _ => BusTraffic.Corrupted((int)BytesPerOperation, 0.10),
        };
        var chunks = Enumerable.Range(0, bytes.Length / 4096).Select(i => (ReadOnlyMemory<byte>)bytes.AsMemory(i * 4096, 4096)).ToArray();
        _chunks = chunks.ToObservable(System.Reactive.Concurrency.ImmediateScheduler.Instance);
    }

    [Benchmark]
    public int Frame()
    {
        var frames = 0;
        using (_chunks.FrameModbusRtu().Subscribe(_ => frames++))
        {
        }

        return frames;
    }
}
