using System.Diagnostics.CodeAnalysis;
using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>
/// The outcome of loading a configuration: the configuration, or every error found. Warnings (settings
/// that are accepted but have no effect) may accompany either.
/// </summary>
public sealed class ConfigLoadResult
{
    private ConfigLoadResult(StreamsConfig? config, IReadOnlyList<ConfigError> errors, IReadOnlyList<ConfigError> warnings)
    {
        Config = config;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The configuration; null exactly when <see cref="Errors"/> is not empty.</summary>
    public StreamsConfig? Config { get; }

    /// <summary>Every error, in file order. Empty on success.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Accepted settings that are ignored, in file order.</summary>
    public IReadOnlyList<ConfigError> Warnings { get; }

    /// <summary>True when <see cref="Config"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Config))]
    public bool Succeeded => Config is not null;

    internal static ConfigLoadResult Success(StreamsConfig config, IReadOnlyList<ConfigError> warnings) =>
        new(config, [], warnings);

    internal static ConfigLoadResult Failure(IReadOnlyList<ConfigError> errors, IReadOnlyList<ConfigError> warnings)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failed load carries at least one error.", nameof(errors));
        }

        return new(null, errors, warnings);
    }
}
