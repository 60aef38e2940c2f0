using BenchmarkDotNet.Configs;

namespace Streams.Bench.Framing;

/// <summary>Adds the MB/s column.</summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(new ThroughputColumn());
    }
}
