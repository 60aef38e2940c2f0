using System.Collections.Immutable;

namespace Streams.Sources.DBus;

/// <summary>
/// A D-Bus dictionary (<c>a{kv}</c>): an ordered list of entries, kept as received (the wire
/// format allows duplicate keys). Keys are basic values; look them up with <see cref="TryGetValue"/>.
/// </summary>
public sealed record DBusDictionary : DBusValue
{
    public DBusDictionary(DBusType keyType, DBusType valueType, IEnumerable<KeyValuePair<DBusValue, DBusValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(keyType);
        ArgumentNullException.ThrowIfNull(valueType);
        ArgumentNullException.ThrowIfNull(entries);
        Type = DBusType.DictionaryOf(keyType, valueType);
        Entries = [.. entries];
        foreach (var (key, value) in Entries)
        {
            if (!key.Type.Equals(keyType) || !value.Type.Equals(valueType))
            {
                throw new ArgumentException(
                    $"An entry {{{key.Type}, {value.Type}}} in a dictionary of {{{keyType}, {valueType}}}.", nameof(entries));
            }
        }

        KeyType = keyType;
        ValueType = valueType;
    }

    public DBusType KeyType { get; }

    public DBusType ValueType { get; }

    public ImmutableArray<KeyValuePair<DBusValue, DBusValue>> Entries { get; }

    public override DBusType Type { get; }

    /// <summary>Finds the first entry whose string, object-path or signature key equals <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, out DBusValue value)
    {
        foreach (var entry in Entries)
        {
            var text = entry.Key switch
            {
                DBusString s => s.Value,
                DBusObjectPath o => o.Value,
                DBusSignatureValue g => g.Value,
                _ => null,
            };
            if (text == key)
            {
                value = entry.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <summary>
    /// The entries keyed by their text (string, object path or signature keys), later duplicates
    /// winning, with variant values unwrapped: the shape of <c>a{sv}</c> property maps.
    /// </summary>
    public IReadOnlyDictionary<string, DBusValue> ToTextKeyed()
    {
        var result = new Dictionary<string, DBusValue>(Entries.Length, StringComparer.Ordinal);
        foreach (var (key, value) in Entries)
        {
            var text = key switch
            {
                DBusString s => s.Value,
                DBusObjectPath o => o.Value,
                DBusSignatureValue g => g.Value,
                _ => throw new InvalidOperationException($"A dictionary keyed by '{KeyType}' has no text keys."),
            };
            result[text] = value.Unwrap();
        }

        return result;
    }

    public bool Equals(DBusDictionary? other) =>
        other is not null
        && Type.Equals(other.Type)
        && Entries.Length == other.Entries.Length
        && Entries.Zip(other.Entries).All(p => p.First.Key.Equals(p.Second.Key) && p.First.Value.Equals(p.Second.Value));

    public override int GetHashCode() => HashCode.Combine(Type, Entries.Length);
}
