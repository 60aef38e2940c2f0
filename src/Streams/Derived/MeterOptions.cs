namespace Streams.Derived;

/// <summary>How the energy meters integrate and how often they save.</summary>
/// <param name="GapLimit">An interval between two readings of a pack longer than this adds nothing (proposed config key <c>energy.max_gap</c>).</param>
/// <param name="SaveEvery">Totals are written at most this often, and once more when the meter stops.</param>
internal sealed record MeterOptions(TimeSpan GapLimit, TimeSpan SaveEvery)
{
    /// <summary>Poll intervals that make the default gap limit.</summary>
    public const int DefaultGapIntervals = 3;

    public static TimeSpan DefaultSaveEvery { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The defaults for packs polled every <paramref name="pollInterval"/>: a gap limit of three intervals, saved once a minute.</summary>
    public static MeterOptions ForPollInterval(TimeSpan pollInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        return new MeterOptions(pollInterval * DefaultGapIntervals, DefaultSaveEvery);
    }
}
