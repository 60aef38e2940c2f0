using FluentAssertions;
using Streams.Composition;
using Streams.Config.Loading;
using Streams.Config.Model;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

public sealed class SyntaxErrorTests
{
    private static ConfigError SingleError(string yaml)
    {
        var result = Load(yaml);
        result.Succeeded.Should().BeFalse();
        var error = result.Errors.Should().ContainSingle().Subject;
        error.ToString().Should().NotContain("\n");
        return error;
    }

    [Fact]
    public void Bad_indentation_gives_one_positioned_line()
    {
        var error = SingleError("sources:\n  - kind: sniffer\n    port: /dev/x\n   baud: 9600\n");

        error.Line.Should().Be(4);
        error.KeyPath.Should().BeEmpty();
        error.ToString().Should().StartWith("config.yaml:4:");
    }

    [Fact]
    public void Duplicate_key_is_reported_at_the_second_key()
    {
        var error = SingleError("sources:\n  - kind: sniffer\n    port: /dev/x\n    port: /dev/y\n");

        (error.Line, error.Column).Should().Be((4, 5));
        error.ToString().Should().Be("config.yaml:4:5: sources[0].port: duplicate key, already set on line 3");
    }

    [Fact]
    public void Unterminated_quote_is_reported()
    {
        var error = SingleError("mqtt:\n  host: \"broker\n");

        error.Line.Should().Be(2);
        error.Message.Should().Contain("quoted value is never closed");
    }

    [Fact]
    public void Unclosed_flow_list_is_reported_with_a_position_instead_of_crashing()
    {
        var error = SingleError("sources: [1, 2\nmqtt: 3\n");

        error.Line.Should().BeGreaterThan(0);
        error.Message.Should().Be("a '[' or '{' is never closed with its ']' or '}'");
    }

    [Fact]
    public void Tag_that_is_not_a_uri_is_reported_instead_of_crashing()
    {
        // Found by LoaderRobustnessTests: YamlDotNet throws ArgumentException for this tag.
        var error = SingleError("!!9].&");

        error.Line.Should().Be(1);
        error.Message.Should().Be("invalid YAML syntax near here");
    }

    [Fact]
    public void Undefined_alias_is_reported()
    {
        SingleError("sources: *nowhere\n").Message.Should().Be("'*nowhere' refers to an anchor '&nowhere' that is not defined above");
    }

    [Fact]
    public void Aliases_to_defined_anchors_are_followed()
    {
        var config = ShouldLoad("""
            sources:
              - kind: eg4-7e
                port: /dev/ttyS0
                timeout: &slow 3s
                packs: [{name: a, address: 1}]
              - kind: jbd-serial
                port: /dev/ttyS1
                name: b
                timeout: *slow
            """);

        config.Sources.Select(s => s switch
        {
            Eg4LegacySourceConfig legacy => legacy.Timeout,
            JbdSerialSourceConfig jbd => jbd.Timeout,
            _ => TimeSpan.Zero,
        }).Should().Equal(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        SingleError("").ToString().Should().Be("config.yaml:1:1: the file holds no settings");
        SingleError("# just a comment\n").Message.Should().Be("the file holds no settings");
    }

    [Fact]
    public void Several_documents_are_rejected_at_the_second()
    {
        SingleError("sources: []\n---\nmqtt: {}\n").Line.Should().Be(3);
    }

    [Fact]
    public void Top_level_list_is_rejected()
    {
        SingleError("- kind: sniffer\n").Message.Should().Be("the top level must be a mapping of keys to values, got a list");
    }

    [Fact]
    public void Tab_indentation_is_reported()
    {
        SingleError("sources:\n\t- kind: sniffer\n").ToString().Should().Be("config.yaml:2:1: a tab in the indentation; YAML indents with spaces only");
    }

    [Fact]
    public void Non_scalar_key_is_rejected()
    {
        var result = Load("sources:\n  - kind: sniffer\n    port: /dev/x\n? [a, b]\n: 1\n");

        result.Errors.Should().ContainSingle().Which.Message.Should().Be("keys must be plain names");
    }

    [Fact]
    public void Missing_file_is_an_error_without_position()
    {
        var path = Path.Combine(Path.GetTempPath(), $"streams-missing-{Guid.NewGuid():N}.yaml");

        var result = Configuration.Load(path);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.ToString().Should().Be($"{path}: configuration file not found");
    }

    [Fact]
    public void Directory_instead_of_file_is_an_error()
    {
        var result = Configuration.Load(Path.GetTempPath());

        result.Errors.Should().ContainSingle().Which.Message.Should().Be("is a directory, not a configuration file");
    }
}
