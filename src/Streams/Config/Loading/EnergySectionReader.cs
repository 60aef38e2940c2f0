using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>Reads <c>energy:</c> (<c>state_dir</c>, <c>max_gap</c>).</summary>
internal static class EnergySectionReader
{
    public static EnergyConfig Read(MappingReader? map)
    {
        if (map is null)
        {
            return EnergyConfig.Default;
        }

        var config = new EnergyConfig(
            StateDirectory: map.FilePath("state_dir"),
            MaxGap: map.Find("max_gap") is null ? null : map.Duration("max_gap", Limits.DefaultPollInterval, Limits.MinPollInterval, Limits.MaxMeterGap));
        map.ReportUnknownKeys();
        return config;
    }
}
