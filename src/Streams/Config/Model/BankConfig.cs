namespace Streams.Config.Model;

/// <summary>One <c>banks[]</c> item: packs in parallel shown as one battery.</summary>
/// <param name="Name">Its device name: unique among packs and banks, never <c>bridge</c>.</param>
/// <param name="Packs">Configured pack names, at least one, each in one bank only; ties (the lowest cell) go to the first.</param>
/// <param name="StaleAfter">A pack whose last reading is this old is left out; null for three poll intervals of its slowest pack.</param>
public sealed record BankConfig(string Name, IReadOnlyList<string> Packs, TimeSpan? StaleAfter);
