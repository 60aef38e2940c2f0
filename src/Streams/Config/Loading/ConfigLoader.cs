using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>
/// Loads and validates a configuration file before anything starts. Every problem becomes a
/// <see cref="ConfigError"/> with file, line, column and key path; nothing here throws for bad input.
/// </summary>
/// <remarks>
/// Two layouts are accepted: the native one (<c>sources:</c> …) and the Python seed's
/// (<c>bus:</c> + <c>packs:</c>), recognised by its <c>bus</c> key and mapped onto the same
/// <see cref="StreamsConfig"/>. Scalars may use <c>${NAME}</c> to take a value from the environment;
/// relative paths are resolved against the directory of the file.
/// </remarks>
internal static class ConfigLoader
{
    /// <summary>Reads and validates the file at <paramref name="path"/>. A missing or unreadable file is an error, not an exception.</summary>
    public static ConfigLoadResult Load(string path, IReadOnlyList<ISourceReader> sourceKinds)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return ConfigLoadResult.Failure([new ConfigError(path, 0, 0, "", "is a directory, not a configuration file")], []);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var reason = error switch
            {
                FileNotFoundException or DirectoryNotFoundException => "configuration file not found",
                UnauthorizedAccessException => "cannot read the configuration file: permission denied",
                _ => $"cannot read the configuration file: {error.Message}",
            };
            return ConfigLoadResult.Failure([new ConfigError(path, 0, 0, "", reason)], []);
        }

        return LoadFromText(text, path, sourceKinds);
    }

    /// <summary>
    /// Validates configuration <paramref name="yaml"/>. <paramref name="sourceName"/> names it in error
    /// lines and anchors relative paths; <paramref name="sourceKinds"/> are the kinds a source may
    /// have; <paramref name="env"/> resolves <c>${NAME}</c> (default: the process environment).
    /// </summary>
    public static ConfigLoadResult LoadFromText(string yaml, string sourceName, IReadOnlyList<ISourceReader> sourceKinds, Func<string, string?>? env = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(sourceKinds);
        var context = new ConfigContext(sourceName, env ?? Environment.GetEnvironmentVariable, BaseDirectoryOf(sourceName), sourceKinds);
        var config = Read(yaml, context);
        return config is not null && !context.HasErrors
            ? ConfigLoadResult.Success(config, context.Warnings)
            : ConfigLoadResult.Failure(context.Errors, context.Warnings);
    }

    private static StreamsConfig? Read(string yaml, ConfigContext context)
    {
        if (YamlDocumentLoader.Load(yaml, context) is not { } document || MappingReader.Open(document, "", context) is not { } root)
        {
            return null;
        }

        return root.HasKey("bus")
            ? SeedFormatReader.Read(root)
            : NativeFormatReader.Read(root);
    }

    private static string BaseDirectoryOf(string sourceName)
    {
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(sourceName)) ?? Environment.CurrentDirectory;
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Environment.CurrentDirectory;
        }
    }
}
