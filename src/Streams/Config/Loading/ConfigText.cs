using System.Text;

namespace Streams.Config.Loading;

/// <summary>How values are echoed in error messages: quoted, short, and on one line.</summary>
internal static class ConfigText
{
    private const int MaxShown = 40;

    /// <summary>The value in quotes, a URL's password replaced by stars (before shortening, so no part of it shows).</summary>
    public static string Quote(string value)
    {
        value = SecretText.WithoutUrlPasswords(value);
        var builder = new StringBuilder(Math.Min(value.Length, MaxShown) + 2).Append('\'');
        foreach (var c in value.Length > MaxShown ? value[..(MaxShown - 3)] : value)
        {
            _ = char.IsControl(c) ? builder.Append($"\\u{(int)c:x4}") : builder.Append(c);
        }

        if (value.Length > MaxShown)
        {
            builder.Append("...");
        }

        return builder.Append('\'').ToString();
    }

    public static string List<T>(IEnumerable<T> items) => string.Join(", ", items);
}
