namespace Streams.Derived;

/// <summary>How the energy meters integrate and how often they save.</summary>
/// <param name="GapLimit">An interval between two readings of a meter longer than this adds nothing (config <c>energy.max_gap</c>),
/// unless <see cref="GapLimits"/> names the meter.</param>
/// <param name="SaveEvery">Totals are written at most this often, and once more when the meter stops.</param>
internal sealed record MeterOptions(TimeSpan GapLimit, TimeSpan SaveEvery)
{
    /// <summary>Poll intervals that make the default gap limit.</summary>
    public const int DefaultGapIntervals = 3;

    public static TimeSpan DefaultSaveEvery { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Gap limits of particular meters (by device name): packs polled at different cadences, banks.</summary>
    public IReadOnlyDictionary<string, TimeSpan> GapLimits { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>The defaults for packs polled every <paramref name="pollInterval"/>: a gap limit of three intervals, saved once a minute.</summary>
    public static MeterOptions ForPollInterval(TimeSpan pollInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        return new MeterOptions(pollInterval * DefaultGapIntervals, DefaultSaveEvery);
    }

    public TimeSpan GapLimitOf(string meter) => GapLimits.TryGetValue(meter, out var limit) ? limit : GapLimit;

    /// <summary>Throws when a limit or the save period is not positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(GapLimit, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SaveEvery, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(GapLimits);
        foreach (var limit in GapLimits.Values)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        }
    }
}
