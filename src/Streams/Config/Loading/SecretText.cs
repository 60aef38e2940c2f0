using System.Text.RegularExpressions;

namespace Streams.Config.Loading;

/// <summary>
/// Keeps secrets out of configuration messages: the password of a URL's user info in any value
/// (<c>mqtt://user:PASSWORD@host</c>), and the whole value of a key named like a secret
/// (password, key, secret, token, …), whatever the message around it says.
/// </summary>
internal static partial class SecretText
{
    public const string Stars = "***";

    private const int MinBareLength = 3;

    /// <summary>Words of a key name (split at '_' and '-') that make its value a secret; a <c>…_file</c> key names a path, not a secret.</summary>
    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass", "pwd", "passphrase", "secret", "token", "key", "apikey", "psk", "credentials",
    };

    /// <summary><c>scheme://user:password@</c>; the password is what is replaced.</summary>
    [GeneratedRegex(@"(?<prefix>[A-Za-z][A-Za-z0-9+.\-]*://[^\s/@:']*:)(?<password>[^\s/@']*)@")]
    private static partial Regex UrlUserInfo();

    /// <summary>Replaces the password part of every URL in <paramref name="text"/> with stars.</summary>
    public static string WithoutUrlPasswords(string text) =>
        text.Contains("://", StringComparison.Ordinal) ? UrlUserInfo().Replace(text, match => match.Groups["prefix"].Value + Stars + "@") : text;

    /// <summary>True when the last key of <paramref name="path"/> (e.g. <c>mqtt.password</c>, <c>sources[0].api_key</c>) names a secret.</summary>
    public static bool IsSecretKey(string path)
    {
        var key = LastKey(path);
        var words = key.Split(['_', '-'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0
            && !string.Equals(words[^1], "file", StringComparison.OrdinalIgnoreCase)
            && words.Any(SecretWords.Contains);
    }

    /// <summary>
    /// <paramref name="message"/> without the values in <paramref name="values"/> (the raw and the
    /// substituted text of a secret key's value), quoted or not, and without URL passwords.
    /// </summary>
    public static string Redact(string message, IEnumerable<string?> values)
    {
        foreach (var value in values.OfType<string>().Where(v => v.Length > 0).Distinct().OrderByDescending(v => v.Length))
        {
            message = message.Replace(ConfigText.Quote(value), $"'{Stars}'", StringComparison.Ordinal);

            // Unquoted, a value of one or two characters would match ordinary words of the message.
            if (value.Length >= MinBareLength)
            {
                message = message.Replace(value, Stars, StringComparison.Ordinal);
            }
        }

        return WithoutUrlPasswords(message);
    }

    private static string LastKey(string path)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? key : key[..bracket];
    }
}
