namespace Streams.Config.Model;

/// <summary>When a pack counts as offline and how often a lasting problem is reported again.</summary>
/// <param name="OfflineAfter">Consecutive failed polls after which a pack is marked unavailable; default 3.</param>
/// <param name="Heartbeat">While a problem persists, it is logged again this often; default 1 h.</param>
public sealed record HealthConfig(int OfflineAfter, TimeSpan Heartbeat)
{
    /// <summary>Offline after 3 failures, heartbeat every hour.</summary>
    public static HealthConfig Default { get; } = new(3, TimeSpan.FromHours(1));
}
