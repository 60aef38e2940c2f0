using Streams.Config.Model;
using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>The typed scalar readers of <see cref="MappingReader"/>: numbers, flags, durations and choices, each checked against its range.</summary>
internal sealed partial class MappingReader
{
    public int Integer(string key, int fallback, int min, int max)
    {
        var node = Find(key);
        return node is null ? fallback : ParseInteger(node, key, min, max) ?? fallback;
    }

    /// <summary>A required integer; null (with an error) when missing or invalid.</summary>
    public int? RequiredInteger(string key, int min, int max)
    {
        var node = Find(key);
        if (node is null)
        {
            Missing(key);
            return null;
        }

        return ParseInteger(node, key, min, max);
    }

    /// <summary>An integer that must be one of <paramref name="allowed"/>.</summary>
    public int OneOf(string key, int fallback, IReadOnlyList<int> allowed)
    {
        var node = Find(key);
        if (node is null || ParseInteger(node, key, int.MinValue, int.MaxValue) is not { } value)
        {
            return fallback;
        }

        if (!allowed.Contains(value))
        {
            Context.Error(node, PathOf(key), $"must be one of {ConfigText.List(allowed)}, got {value}");
            return fallback;
        }

        return value;
    }

    public int Baud(string key = "baud") => OneOf(key, SerialBaud.Default, SerialBaud.Supported);

    public bool Boolean(string key, bool fallback)
    {
        var node = Find(key);
        if (node is null || Context.ScalarText(node, PathOf(key)) is not { } text)
        {
            return fallback;
        }

        if (ScalarParsing.TryParseBoolean(text, out var value))
        {
            return value;
        }

        Context.Error(node, PathOf(key), $"expected true or false, got {ConfigText.Quote(text)}");
        return fallback;
    }

    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var node = Find(key);
        if (node is null || Context.ScalarText(node, PathOf(key)) is not { } text)
        {
            return fallback;
        }

        if (!DurationText.TryParse(text, out var value, out var error))
        {
            Context.Error(node, PathOf(key), error);
            return fallback;
        }

        return InRange(node, key, value, min, max) ? value : fallback;
    }

    /// <summary>A plain number of seconds (the seed's <c>timeout_s</c>, <c>poll_interval_s</c>).</summary>
    public TimeSpan Seconds(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var node = Find(key);
        if (node is null || Context.ScalarText(node, PathOf(key)) is not { } text)
        {
            return fallback;
        }

        if (!ScalarParsing.TryParseSeconds(text, out var value))
        {
            Context.Error(node, PathOf(key), $"expected a number of seconds such as 1.5 or 10, got {ConfigText.Quote(text)}");
            return fallback;
        }

        return InRange(node, key, value, min, max) ? value : fallback;
    }

    public T Choice<T>(string key, T fallback, IReadOnlyList<KeyValuePair<string, T>> choices) =>
        Find(key) is { } node && ParseChoice(node, key, choices, out var value) ? value : fallback;

    /// <summary>A required choice; false (with an error) when missing or not one of <paramref name="choices"/>.</summary>
    public bool TryRequiredChoice<T>(string key, IReadOnlyList<KeyValuePair<string, T>> choices, out T value)
    {
        value = default!;
        var node = Find(key);
        if (node is null)
        {
            Error(key, $"required value is missing (one of {ConfigText.List(choices.Select(c => c.Key))})");
            return false;
        }

        return ParseChoice(node, key, choices, out value);
    }

    private int? ParseInteger(YamlNode node, string key, int min, int max)
    {
        if (Context.ScalarText(node, PathOf(key)) is not { } text)
        {
            return null;
        }

        if (!ScalarParsing.TryParseInteger(text, out var value))
        {
            Context.Error(node, PathOf(key), $"expected a whole number, got {ConfigText.Quote(text)}");
            return null;
        }

        if (value < min || value > max)
        {
            Context.Error(node, PathOf(key), $"must be {min}..{max}, got {value}");
            return null;
        }

        return (int)value;
    }

    private bool InRange(YamlNode node, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value >= min && value <= max)
        {
            return true;
        }

        Context.Error(node, PathOf(key), $"must be {DurationText.Format(min)}..{DurationText.Format(max)}, got {DurationText.Format(value)}");
        return false;
    }

    private bool ParseChoice<T>(YamlNode node, string key, IReadOnlyList<KeyValuePair<string, T>> choices, out T value)
    {
        value = default!;
        if (Context.ScalarText(node, PathOf(key)) is not { } text)
        {
            return false;
        }

        foreach (var choice in choices)
        {
            if (string.Equals(choice.Key, text, StringComparison.OrdinalIgnoreCase))
            {
                value = choice.Value;
                return true;
            }
        }

        Context.Error(node, PathOf(key), $"must be one of {ConfigText.List(choices.Select(c => c.Key))}, got {ConfigText.Quote(text)}");
        return false;
    }
}
