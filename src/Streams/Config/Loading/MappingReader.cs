using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>
/// Reads the keys of one YAML mapping into typed values, reporting every problem at the offending
/// node with its key path. A key that is read is "known"; <see cref="ReportUnknownKeys"/> flags the
/// rest. On an error the reader returns the default so reading goes on and all errors are found.
/// </summary>
internal sealed partial class MappingReader
{
    private readonly YamlMappingNode _mapping;
    private readonly List<Entry> _entries = [];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private MappingReader(YamlMappingNode mapping, string path, ConfigContext context)
    {
        _mapping = mapping;
        Path = path;
        Context = context;
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { Length: > 0 } name } scalarKey)
            {
                _entries.Add(new Entry(name, scalarKey, value));
            }
            else
            {
                context.Error(key, path, "keys must be plain names");
            }
        }
    }

    public string Path { get; }

    public ConfigContext Context { get; }

    public YamlMappingNode Node => _mapping;

    /// <summary>A reader over <paramref name="node"/>, or null (and an error) when it is not a mapping.</summary>
    public static MappingReader? Open(YamlNode node, string path, ConfigContext context)
    {
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(mapping, path, context);
        }

        context.Error(node, path, $"expected a mapping of keys to values, got {ConfigContext.Describe(node)}");
        return null;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True when the mapping has <paramref name="key"/>, whatever its value.</summary>
    public bool HasKey(string key) => _entries.Exists(entry => entry.Name == key);

    /// <summary>The value of <paramref name="key"/>, or null when the key is absent or its value is empty/null.</summary>
    public YamlNode? Find(string key)
    {
        _known.Add(key);
        foreach (var entry in _entries)
        {
            if (entry.Name == key)
            {
                return ScalarParsing.IsNull(entry.Value) ? null : entry.Value;
            }
        }

        return null;
    }

    /// <summary>Marks every key as known, so a mapping that could not be understood is not also flagged key by key.</summary>
    public void AcceptAllKeys()
    {
        foreach (var entry in _entries)
        {
            _known.Add(entry.Name);
        }
    }

    /// <summary>Reports at the value of <paramref name="key"/> when present, otherwise at this mapping.</summary>
    public void Error(string key, string message) => Context.Error(Find(key) ?? _mapping, PathOf(key), message);

    public void Warning(string key, string message) => Context.Warning(Find(key) ?? _mapping, PathOf(key), message);

    public string? String(string key)
    {
        var node = Find(key);
        return node is null ? null : Context.ScalarText(node, PathOf(key));
    }

    /// <summary>A required, non-empty string; empty (with an error) when missing.</summary>
    public string RequiredString(string key)
    {
        var node = Find(key);
        if (node is null)
        {
            Missing(key);
            return "";
        }

        var text = Context.ScalarText(node, PathOf(key));
        if (text is { Length: 0 })
        {
            Context.Error(node, PathOf(key), "must not be empty");
        }

        return text ?? "";
    }

    /// <summary>An optional non-empty string; null when absent.</summary>
    public string? NonEmptyString(string key)
    {
        var text = String(key);
        if (text is { Length: 0 })
        {
            Error(key, "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>An optional file path, made absolute against the configuration file's directory.</summary>
    public string? FilePath(string key) => NonEmptyString(key) is { } path ? Context.ResolvePath(path) : null;

    /// <summary>A nested mapping; null when absent (or, with an error, when it is not a mapping).</summary>
    public MappingReader? Mapping(string key) => Find(key) is { } node ? Open(node, PathOf(key), Context) : null;

    /// <summary>The items of a list; null when absent (or, with an error, when it is not a list).</summary>
    public IReadOnlyList<YamlNode>? Sequence(string key)
    {
        var node = Find(key);
        switch (node)
        {
            case null:
                return null;
            case YamlSequenceNode sequence:
                return [.. sequence.Children];
            default:
                Context.Error(node, PathOf(key), $"expected a list, got {ConfigContext.Describe(node)}");
                return null;
        }
    }

    public void Missing(string key) => Context.Error(_mapping, PathOf(key), "required value is missing");

    public void ReportUnknownKeys()
    {
        foreach (var entry in _entries.Where(e => !_known.Contains(e.Name)))
        {
            UnknownKey(entry.Name, KeySuggestion.Closest(entry.Name, _known));
        }
    }

    /// <summary>The key of this mapping spelt like <paramref name="key"/> in other letter case, or null.</summary>
    public string? KeyInOtherCase(string key) =>
        _entries.Find(entry => entry.Name != key && string.Equals(entry.Name, key, StringComparison.OrdinalIgnoreCase)).Name;

    /// <summary>Reports <paramref name="name"/> as an unknown key, with <paramref name="suggestion"/> as the "did you mean".</summary>
    public void UnknownKey(string name, string? suggestion)
    {
        var entry = _entries.Find(e => e.Name == name);
        var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
        Context.Error(entry.Key ?? (YamlNode)_mapping, PathOf(name), $"unknown key{hint}");
    }

    private readonly record struct Entry(string Name, YamlScalarNode Key, YamlNode Value);
}
