using BenchmarkDotNet.Attributes;
using Streams.Bench.Baseline;
using Streams.Core;
using Streams.HomeAssistant;

namespace Streams.Bench.HomeAssistant;

/// <summary>
/// One JSON state document of a sniffed EG4-LL read (the per-reading cost of a replay): the writer
/// as of 377ab18 (a new buffer, writer, dictionary and set per document) against today's (one reused
/// writer per thread, no lookup when the fields come in their announced order).
/// </summary>
[MemoryDiagnoser]
public class StatePayloadBenchmarks
{
    private Reading _reading = null!;
    private FieldSpec[] _announced = [];

    [GlobalSetup]
    public void Setup()
    {
        _reading = SniffedReadings.Take(1)[0];
        _announced = _reading.Fields.Select(field => field.Spec).ToArray();
        if (StatePayload.Build(_reading, _announced) != StatePayloadBefore.Build(_reading, _announced))
        {
            throw new InvalidOperationException("the two writers disagree about the document");
        }
    }

    [Benchmark(Baseline = true)]
    public string Before() => StatePayloadBefore.Build(_reading, _announced);

    [Benchmark]
    public string Now() => StatePayload.Build(_reading, _announced);
}
