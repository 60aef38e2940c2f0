namespace Streams.HomeAssistant.Discovery;

/// <summary>What to do about a node's discovery configs left by an earlier run (see <see cref="DiscoveryLedger"/>).</summary>
/// <param name="Clear">Config topics no longer produced: publish an empty retained payload.</param>
/// <param name="Migrate">Per-entity topics whose entity now lives in the device config: <c>migrate_discovery</c> first, cleared later.</param>
/// <param name="Stubs">Device config topics with components that are gone: announce them once as <c>{"p": platform}</c>.</param>
internal sealed record DiscoveryReconciliation(
    IReadOnlyList<string> Clear,
    IReadOnlyList<string> Migrate,
    IReadOnlyDictionary<string, IReadOnlyCollection<string>> Stubs)
{
    public static DiscoveryReconciliation None { get; } = new([], [], new Dictionary<string, IReadOnlyCollection<string>>());

    public bool IsEmpty => Clear.Count == 0 && Migrate.Count == 0 && Stubs.Count == 0;
}
