namespace Streams.Derived;

/// <summary>One bank: packs in parallel shown as one battery (proposed config: <c>banks: [{ name, packs: [...], stale_after }]</c>).</summary>
/// <param name="Name">The bank's device name; unique among packs and banks (its Home Assistant device and its meter's state file).</param>
/// <param name="Packs">The configured names of its packs, in the order ties are broken.</param>
/// <param name="StaleAfter">A pack whose last reading is this old is left out (proposed default: three poll intervals).</param>
/// <param name="Estimates">When the bank counts as idle for its time estimates.</param>
internal sealed record BankOptions(string Name, IReadOnlyList<string> Packs, TimeSpan StaleAfter, EstimateOptions Estimates)
{
    /// <summary>Throws <see cref="ArgumentException"/> for an empty name, no packs, a pack named twice, or a staleness limit that is not positive.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentNullException.ThrowIfNull(Packs);
        ArgumentNullException.ThrowIfNull(Estimates);
        if (Packs.Count == 0)
        {
            throw new ArgumentException($"bank '{Name}' names no packs", nameof(Packs));
        }

        if (Packs.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"bank '{Name}' names pack '{twice.Key}' twice", nameof(Packs));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StaleAfter, TimeSpan.Zero);
    }
}
