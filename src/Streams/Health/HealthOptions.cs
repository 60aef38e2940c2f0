namespace Streams.Health;

/// <summary>When a pack counts as offline and how often a lasting problem is reported again.</summary>
/// <param name="OfflineAfter">Consecutive failed polls after which a pack is marked unavailable, at least 1.</param>
/// <param name="Heartbeat">While a problem persists, it is logged again this often.</param>
internal sealed record HealthOptions(int OfflineAfter, TimeSpan Heartbeat);
