using System.Collections.Immutable;
using Streams.Core;

namespace Streams.Derived;

/// <summary>
/// What a bank knows of its packs, a value: each pack's last reading, when it arrived, and whether
/// its availability said offline since. A reading is proof of life, so it clears offline; an
/// offline pack stays out until its next reading.
/// </summary>
internal sealed class BankTable
{
    private readonly BankOptions _options;
    private readonly ImmutableDictionary<string, Member> _members;

    private BankTable(BankOptions options, ImmutableDictionary<string, Member> members)
    {
        _options = options;
        _members = members;
    }

    public static BankTable Empty(BankOptions options) => new(options, ImmutableDictionary.Create<string, Member>(StringComparer.Ordinal));

    public bool Holds(string pack) => _options.Packs.Contains(pack, StringComparer.Ordinal);

    public BankTable WithReading(Reading reading, DateTimeOffset arrived) =>
        new(_options, _members.SetItem(reading.Device.Name, new Member(reading, arrived, Offline: false)));

    public BankTable WithAvailability(string pack, bool online) =>
        _members.TryGetValue(pack, out var member)
            ? new(_options, _members.SetItem(pack, member with { Offline = !online }))
            : this;

    /// <summary>The packs counted at <paramref name="at"/>: not offline, and their last reading younger than the staleness limit; in configured order.</summary>
    public IReadOnlyList<(string Pack, Reading Reading)> Included(DateTimeOffset at) =>
        _options.Packs
            .Where(pack => _members.TryGetValue(pack, out var member) && Counts(member, at))
            .Select(pack => (pack, _members[pack].Last))
            .ToList();

    /// <summary>The moments after <paramref name="at"/> when a pack counted now goes stale, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> Expiries(DateTimeOffset at) =>
        _members.Values
            .Where(member => Counts(member, at))
            .Select(member => member.Arrived + _options.StaleAfter)
            .Distinct()
            .Order()
            .ToList();

    private bool Counts(Member member, DateTimeOffset at) => !member.Offline && at - member.Arrived < _options.StaleAfter;

    private sealed record Member(Reading Last, DateTimeOffset Arrived, bool Offline);
}
