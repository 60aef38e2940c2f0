using Streams.Derived;

namespace Streams.Tests.Derived;

/// <summary>An in-memory <see cref="IMeterStore"/> that tells each save to <paramref name="saved"/>.</summary>
internal sealed class RecordingMeterStore(Action<string, MeterTotals>? saved = null) : IMeterStore
{
    public Dictionary<string, MeterTotals> Stored { get; } = new(StringComparer.Ordinal);

    public int Saves { get; private set; }

    public MeterTotals Load(string meter) => Stored.TryGetValue(meter, out var totals) ? totals : MeterTotals.Zero;

    public bool Save(string meter, MeterTotals totals, DateTimeOffset at)
    {
        Stored[meter] = totals;
        Saves++;
        saved?.Invoke(meter, totals);
        return true;
    }
}
