using BenchmarkDotNet.Attributes;
using Streams.Devices.Modbus;

namespace Streams.Bench.Framing;

/// <summary>The pure sniffing scanner over 1 MiB, the way the operator drives it (4 KiB slices).</summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class ModbusScannerBenchmarks
{
    private byte[] _bytes = [];

    public static long BytesPerOperation => 1 << 20;

    [Params(Traffic.Clean, Traffic.Noise, Traffic.Corrupted10)]
    public Traffic Traffic { get; set; }

    [GlobalSetup]
    public void Setup() => _bytes = Traffic switch
    {
        Traffic.Clean => BusTraffic.Clean((int)BytesPerOperation),
        Traffic.Noise => BusTraffic.Noise((int)BytesPerOperation),
        _ => BusTraffic.Corrupted((int)BytesPerOperation, 0.10),
    };

    [Benchmark]
    public int Scan()
    {
        var frames = 0;
        ReadOnlySpan<byte> rest = _bytes;
        while (ModbusRtuScanner.TryRead(rest, endOfStream: true, out var consumed, out _, out _))
        {
            frames++;
            rest = rest[consumed..];
        }

        return frames;
    }
}
