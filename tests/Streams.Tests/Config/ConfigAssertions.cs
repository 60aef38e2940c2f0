using FluentAssertions;
using Streams.Composition;
using Streams.Config.Loading;
using Streams.Config.Model;

namespace Streams.Tests.Config;

/// <summary>Loads YAML text as "config.yaml" and checks outcomes with readable failure messages.</summary>
internal static class ConfigAssertions
{
    public const string FileName = "config.yaml";

    /// <summary>An expected pack list that compares by content, as the loaded lists do.</summary>
    public static IReadOnlyList<PackConfig> Packs(params PackConfig[] packs) => new ConfigList<PackConfig>(packs);

    public static ConfigLoadResult Load(string yaml, Func<string, string?>? env = null) =>
        Configuration.LoadFromText(yaml, FileName, env ?? (_ => null));

    public static StreamsConfig ShouldLoad(string yaml, Func<string, string?>? env = null)
    {
        var result = Load(yaml, env);
        result.Errors.Should().BeEmpty("the configuration is valid, but got:\n{0}", string.Join("\n", result.Errors));
        result.Succeeded.Should().BeTrue();
        return result.Config!;
    }

    /// <summary>Asserts that loading fails with an error at <paramref name="keyPath"/> on <paramref name="line"/>.</summary>
    public static ConfigError ShouldFailAt(string yaml, string keyPath, int line, string messagePart, Func<string, string?>? env = null)
    {
        var result = Load(yaml, env);
        result.Succeeded.Should().BeFalse();
        result.Config.Should().BeNull();
        var error = result.Errors.FirstOrDefault(e => e.KeyPath == keyPath);
        error.Should().NotBeNull("an error at {0} was expected, got:\n{1}", keyPath, string.Join("\n", result.Errors));
        error!.Line.Should().Be(line, "the error was: {0}", error);
        error.Message.Should().Contain(messagePart);
        error.File.Should().Be(FileName);
        error.ToString().Should().StartWith($"{FileName}:{line}:{error.Column}: {keyPath}: ");
        error.ToString().Should().NotContain("\n");
        return error;
    }
}
