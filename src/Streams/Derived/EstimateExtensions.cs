using System.Reactive.Linq;
using Streams.Core;

namespace Streams.Derived;

/// <summary>Per-reading estimates for any pack: a pure map, so no scheduler.</summary>
internal static class EstimateExtensions
{
    /// <summary>
    /// Appends <c>time_to_full</c> / <c>time_to_empty</c> (minutes, only while charging / discharging)
    /// and <c>stored_energy</c> (kWh) to each reading, as <see cref="PackEstimates"/> computes them.
    /// </summary>
    public static IObservable<Reading> WithEstimates(this IObservable<Reading> readings, EstimateOptions options)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(options);
        return readings.Select(reading =>
            reading with { Fields = PackEstimates.Append(reading.Fields, PackQuantities.Of(reading), options) });
    }
}
