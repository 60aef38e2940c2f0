using BenchmarkDotNet.Attributes;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;

namespace Streams.Bench.Framing;

/// <summary>CRC-16/MODBUS and the JBD sum over 1 MiB, and CRC over one 99-byte reply.</summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class ChecksumBenchmarks
{
    private readonly byte[] _bytes = BusTraffic.Noise((int)BytesPerOperation);

    public static long BytesPerOperation => 1 << 20;

    [Benchmark]
    public ushort ModbusCrc() => ModbusCrc16.Compute(_bytes);

    [Benchmark]
    public ushort JbdSum() => JbdChecksum.Compute(_bytes);

    // 10 591 replies of 99 bytes: 1 MiB less 67 bytes, close enough for the MB/s column.
    [Benchmark]
    public int ModbusCrcPerReply()
    {
        var sum = 0;
        ReadOnlySpan<byte> rest = _bytes;
        for (var i = 0; i < (1 << 20) / 99; i++)
        {
            sum += ModbusCrc16.Compute(rest.Slice(i * 99, 99));
        }

        return sum;
    }
}
