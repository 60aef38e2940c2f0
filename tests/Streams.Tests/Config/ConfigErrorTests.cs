using FluentAssertions;
using Streams.Composition;
using Streams.Config.Loading;
using Xunit;

namespace Streams.Tests.Config;

public sealed class ConfigErrorTests
{
    [Fact]
    public void Prints_file_line_column_path_and_message() =>
        new ConfigError("config.yaml", 12, 5, "sources[0].packs[1].address", "must be 1..247, got 300").ToString()
            .Should().Be("config.yaml:12:5: sources[0].packs[1].address: must be 1..247, got 300");

    [Fact]
    public void Omits_an_empty_key_path() =>
        new ConfigError("c.yaml", 3, 1, "", "invalid YAML").ToString().Should().Be("c.yaml:3:1: invalid YAML");

    [Fact]
    public void Omits_an_unknown_position() =>
        new ConfigError("/etc/streams.yaml", 0, 0, "", "configuration file not found").ToString()
            .Should().Be("/etc/streams.yaml: configuration file not found");

    [Fact]
    public void Keeps_a_multi_line_message_on_one_line() =>
        new ConfigError("c.yaml", 1, 1, "a", "first\r\nsecond\nthird").ToString().Should().Be("c.yaml:1:1: a: first second third");

    [Fact]
    public void Echoed_values_are_quoted_shortened_and_kept_on_one_line()
    {
        var result = Configuration.LoadFromText(
            "sources:\n  - kind: eg4-modbus\n    port: /dev/x\n    baud: \"line one\\nline two and a good deal more text than fits\"\n    packs: [{name: a, address: 1}]\n",
            "c.yaml",
            _ => null);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.ToString().Should().Be(@"c.yaml:4:11: sources[0].baud: expected a whole number, got 'line one\u000aline two and a good deal mor...'");
    }
}
