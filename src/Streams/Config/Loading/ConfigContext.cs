using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>
/// What every reader of one file shares: the file name for error lines, the environment for
/// <c>${…}</c>, the directory relative paths start from, the source kinds, the errors and warnings found so far, and
/// the claims on names, ports and addresses that must be unique across sources.
/// </summary>
internal sealed class ConfigContext
{
    private readonly List<ConfigError> _errors = [];
    private readonly List<ConfigError> _warnings = [];
    private readonly Func<string, string?> _environment;

    public ConfigContext(string sourceName, Func<string, string?> environment, string baseDirectory, IReadOnlyList<ISourceReader> sourceKinds)
    {
        SourceName = sourceName;
        SourceKinds = sourceKinds;
        _environment = environment;
        BaseDirectory = baseDirectory;
        Claims = new UniqueClaims(this);
    }

    public string SourceName { get; }

    /// <summary>The source kinds <c>sources[].kind</c> may name, each with its reader.</summary>
    public IReadOnlyList<ISourceReader> SourceKinds { get; }

    public string BaseDirectory { get; }

    public UniqueClaims Claims { get; }

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<ConfigError> Errors => InFileOrder(_errors);

    public IReadOnlyList<ConfigError> Warnings => InFileOrder(_warnings);

    public void Error(YamlNode? node, string path, string message) => _errors.Add(At(node?.Start, path, Redacted(node, path, message)));

    public void Error(Mark position, string path, string message) => _errors.Add(At(position, path, SecretText.WithoutUrlPasswords(message)));

    public void Warning(YamlNode? node, string path, string message) => _warnings.Add(At(node?.Start, path, Redacted(node, path, message)));

    /// <summary>
    /// The text of a scalar with <c>${…}</c> replaced; null (and an error) when the node is a list or
    /// mapping or names an unset variable.
    /// </summary>
    public string? ScalarText(YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, path, $"expected a single value, got {Describe(node)}");
            return null;
        }

        if (EnvironmentSubstitution.TrySubstitute(scalar.Value ?? "", _environment, out var text, out var error))
        {
            return text;
        }

        Error(node, path, error);
        return null;
    }

    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when ScalarParsing.IsNull(scalar) => "nothing",
        YamlScalarNode scalar => ConfigText.Quote(scalar.Value ?? ""),
        _ => "an unsupported node",
    };

    /// <summary>
    /// Whatever a reader put in its message: no URL password, and under a key named like a secret
    /// none of the node's values (as written, or as read from the environment).
    /// </summary>
    private string Redacted(YamlNode? node, string path, string message)
    {
        if (node is null || !SecretText.IsSecretKey(path))
        {
            return SecretText.WithoutUrlPasswords(message);
        }

        var written = node.AllNodes.OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? "").ToList();
        var substituted = written.Select(value => EnvironmentSubstitution.TrySubstitute(value, _environment, out var text, out _) ? text : null);
        return SecretText.Redact(message, [.. written, .. substituted]);
    }

    private ConfigError At(Mark? position, string path, string message) =>
        position is { } mark
            ? new ConfigError(SourceName, (int)mark.Line, (int)mark.Column, path, message)
            : new ConfigError(SourceName, 0, 0, path, message);

    private static ConfigError[] InFileOrder(List<ConfigError> items) =>
        items.Select((item, index) => (item, index))
            .OrderBy(entry => entry.item.Line)
            .ThenBy(entry => entry.item.Column)
            .ThenBy(entry => entry.index)
            .Select(entry => entry.item)
            .ToArray();
}
