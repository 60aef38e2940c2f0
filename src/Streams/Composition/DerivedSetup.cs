using Serilog;
using Streams.Config.Model;
using Streams.Derived;
using Streams.HomeAssistant;

namespace Streams.Composition;

/// <summary>
/// What the derived operators need from a configuration: the meters' gap limits and their store, the
/// banks, and when a battery counts as idle for the time estimates.
/// </summary>
/// <param name="Meters">Per device: <c>energy.max_gap</c>, else three poll intervals of its source; a bank's is its staleness limit.</param>
/// <param name="Store">The state files in <c>energy.state_dir</c> (or the default state directory); in memory for a dry run.</param>
/// <param name="Banks">One entry per <c>banks[]</c> item, its staleness limit defaulting to three intervals of its slowest pack.</param>
/// <param name="Estimates">The idle current below which neither time estimate is given.</param>
internal sealed record DerivedSetup(MeterOptions Meters, IMeterStore Store, IReadOnlyList<BankOptions> Banks, EstimateOptions Estimates)
{
    /// <summary>A device no source configured (an auto-named sniffed slave): three of Home Assistant's default intervals.</summary>
    private static readonly TimeSpan UnconfiguredGap = HomeAssistantOptions.DefaultPollInterval * MeterOptions.DefaultGapIntervals;

    public static DerivedSetup From(StreamsConfig config, bool dryRun, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(config);
        var devices = ConfiguredDevices.From(config);
        TimeSpan ThreePolls(string device) => devices[device].PollInterval * MeterOptions.DefaultGapIntervals;

        var banks = config.Banks
            .Select(bank => new BankOptions(bank.Name, bank.Packs, bank.StaleAfter ?? ThreePolls(bank.Name), EstimateOptions.Default))
            .ToList();
        var gapLimits = devices.Keys.ToDictionary(name => name, name => config.Energy.MaxGap ?? ThreePolls(name), StringComparer.Ordinal);
        foreach (var bank in banks)
        {
            gapLimits[bank.Name] = bank.StaleAfter;
        }

        var fallback = config.Energy.MaxGap ?? UnconfiguredGap;
        var meters = new MeterOptions(fallback, MeterOptions.DefaultSaveEvery) { GapLimits = gapLimits };
        IMeterStore store = dryRun
            ? new InMemoryMeterStore()
            : new MeterStateFiles(config.Energy.StateDirectory ?? StateDirectory.Default(), log);
        if (store is MeterStateFiles files)
        {
            log.Information("energy meters: totals kept in {Directory:l}", files.Directory);
        }

        return new DerivedSetup(meters, store, banks, EstimateOptions.Default);
    }
}
