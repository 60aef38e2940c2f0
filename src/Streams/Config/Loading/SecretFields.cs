using Streams.Core;

namespace Streams.Config.Loading;

/// <summary>
/// A credential given inline (<c>password: ${MQTT_PASSWORD}</c>, environment references allowed) or in a
/// file (<c>password_file: /etc/streams/mqtt.pass</c>, first line, trailing newline dropped). Its text is
/// never part of an error message.
/// </summary>
internal static class SecretFields
{
    /// <summary>
    /// <paramref name="key"/> or <paramref name="key"/><c>_file</c>; null when neither is given. Both at
    /// once is an error. <paramref name="problem"/> judges the text (an error message, or null when
    /// fine); it must not repeat the text.
    /// </summary>
    public static Secret? Secret(this MappingReader map, string key, Func<string, string?>? problem = null)
    {
        var fileKey = key + "_file";
        var inline = map.String(key);
        var file = map.NonEmptyString(fileKey);
        if (inline is not null && file is not null)
        {
            map.Error(fileKey, $"cannot be combined with {key}; give only one of them");
            return null;
        }

        var (text, from, where) = file is not null
            ? (ReadFile(map, fileKey, map.Context.ResolvePath(file)), fileKey, $" in {ConfigText.Quote(map.Context.ResolvePath(file))}")
            : (inline, key, "");
        if (text is not { Length: > 0 })
        {
            return null;
        }

        if (problem?.Invoke(text) is { } message)
        {
            map.Error(from, message + where);
            return null;
        }

        return new Secret(text);
    }

    private static string? ReadFile(MappingReader map, string key, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            map.Error(key, $"cannot read {ConfigText.Quote(path)}: {Reason(error)}");
            return null;
        }

        var secret = text.TrimEnd('\r', '\n');
        if (secret.Length == 0)
        {
            map.Error(key, $"{ConfigText.Quote(path)} is empty");
            return null;
        }

        return secret;
    }

    private static string Reason(Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => error.Message,
    };
}
