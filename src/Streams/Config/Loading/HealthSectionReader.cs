using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>Reads <c>health:</c>.</summary>
internal static class HealthSectionReader
{
    public static HealthConfig Read(MappingReader? map)
    {
        if (map is null)
        {
            return HealthConfig.Default;
        }

        var config = new HealthConfig(
            OfflineAfter: map.Integer("offline_after", HealthConfig.Default.OfflineAfter, 1, Limits.MaxOfflineAfter),
            Heartbeat: map.Duration("heartbeat", HealthConfig.Default.Heartbeat, Limits.MinHeartbeat, Limits.MaxHeartbeat));
        map.ReportUnknownKeys();
        return config;
    }
}
