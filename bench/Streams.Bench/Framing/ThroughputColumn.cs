using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Streams.Bench.Framing;

/// <summary>MB/s (10^6 bytes a second) for benchmarks whose class says how many bytes one operation processes.</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes processed per second / 10^6";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var meanNanoseconds = report?.ResultStatistics?.Mean;
        var bytes = benchmarkCase.Descriptor.Type.GetProperty("BytesPerOperation")?.GetValue(null) as long?;
        if (meanNanoseconds is not > 0 || bytes is null)
        {
            return "-";
        }

        return (bytes.Value / meanNanoseconds.Value * 1000.0).ToString("N0");
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
