using System.Reactive.Concurrency;
using BenchmarkDotNet.Attributes;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Transports.Capture;

namespace Streams.Bench.Framing;

/// <summary>
/// End to end: a 100 MB capture of clean bus traffic in /tmp, replayed and run through framing and
/// query/response pairing.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class ReplaySniffBenchmarks
{
    private const int Megabyte = 1_000_000;
    private string _path = "";

    public static long BytesPerOperation => 100L * Megabyte;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "streams-bench-capture-100MB.bin");
        if (!File.Exists(_path) || new FileInfo(_path).Length != BytesPerOperation)
        {
            WriteCapture(_path, (int)(BytesPerOperation / Megabyte));
        }
    }

    /// <summary>A capture of clean bus traffic, <paramref name="megabytes"/> × 10^6 bytes (a multiple of 10), for this benchmark and the end-to-end replay (<c>--write-capture</c>).</summary>
    public static void WriteCapture(string path, int megabytes)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        for (var block = 0; block < megabytes / 10; block++)
        {
            // Blocks start and end mid-frame; the pairing sees a few broken rounds per block edge.
            file.Write(BusTraffic.Clean(10 * Megabyte, seed: block));
        }
    }

    [Benchmark]
    public long ReplayFrameAndPair()
    {
        var counters = new SnifferCounters();
        long reads = 0;
        using (ReplayFile.Open(_path).Read(ImmediateScheduler.Instance).FrameModbusRtu(counters.Framing).PairReads(counters).Subscribe(_ => reads++))
        {
        }

        return reads;
    }
}
