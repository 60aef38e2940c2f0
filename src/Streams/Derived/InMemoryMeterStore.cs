using System.Collections.Concurrent;

namespace Streams.Derived;

/// <summary>Totals kept for the life of the process only: a dry run's simulated packs must not touch the real meters' state.</summary>
internal sealed class InMemoryMeterStore : IMeterStore
{
    private readonly ConcurrentDictionary<string, MeterTotals> _totals = new(StringComparer.Ordinal);

    public MeterTotals Load(string meter) => _totals.GetValueOrDefault(meter, MeterTotals.Zero);

    public bool Save(string meter, MeterTotals totals, DateTimeOffset at)
    {
        _totals[meter] = totals;
        return true;
    }
}
