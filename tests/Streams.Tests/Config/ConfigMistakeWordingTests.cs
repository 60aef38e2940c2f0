using FluentAssertions;
using Streams.Composition;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

/// <summary>
/// The mistakes a newcomer made (docs review §m4), each asserted as the exact one line it prints:
/// in words, at the line that holds the mistake, never the YAML parser's own text.
/// </summary>
public sealed class ConfigMistakeWordingTests
{
    private static string OnlyLine(string yaml, Func<string, string?>? env = null)
    {
        var result = Load(yaml, env);
        result.Succeeded.Should().BeFalse();
        return result.Errors.Should().ContainSingle().Subject.ToString();
    }

    [Fact]
    public void A_tab_in_the_indentation_is_reported_at_its_own_line()
    {
        OnlyLine("sources:\n  - kind: sniffer\n    port: /dev/x\n    packs:\n\t  - name: a\n")
            .Should().Be("config.yaml:5:1: a tab in the indentation; YAML indents with spaces only");
    }

    [Fact]
    public void A_tab_after_a_mapping_is_reported_at_its_own_line_not_the_line_above()
    {
        OnlyLine("sources:\n  - kind: sniffer\n    port: /dev/x\nlogging:\n  level: info\n \tfile: x\n")
            .Should().Be("config.yaml:6:2: a tab in the indentation; YAML indents with spaces only");
    }

    [Fact]
    public void A_key_under_a_list_item_without_its_dash_says_so_in_words()
    {
        OnlyLine("sources:\n  - kind: eg4-modbus\n    port: /dev/x\n    packs:\n      - name: a\n      address: 1\n")
            .Should().Be("config.yaml:6:7: this line is indented like a list item but has no '-' (to continue the item above, indent it like that item's keys)");
    }

    [Fact]
    public void A_key_indented_less_than_its_neighbours_says_so_in_words()
    {
        OnlyLine("sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: a\n port: 1\n")
            .Should().Be("config.yaml:6:2: this line does not line up with the keys above it (the keys of one mapping start in the same column)");
    }

    [Fact]
    public void A_second_colon_in_a_value_asks_for_quotes()
    {
        OnlyLine("sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: a: b\n")
            .Should().Be("config.yaml:5:10: a second ': ' on this line; put the value in quotes if it contains ': '");
    }

    [Fact]
    public void A_list_started_on_its_key_s_line_says_where_it_goes()
    {
        OnlyLine("sources: - kind: sniffer\n")
            .Should().Be("config.yaml:1:10: a list item ('- ') cannot start on the line of its key; put it on the next line, indented");
    }

    [Fact]
    public void An_ini_file_is_not_taken_for_yaml()
    {
        OnlyLine("[section]\nkey=value\n")
            .Should().Be("config.yaml:2:1: this line is not 'key: value' YAML (is this the configuration file?)");
    }

    [Fact]
    public void An_unclosed_quote_is_reported_at_the_quote()
    {
        OnlyLine("mqtt:\n  host: \"broker\n")
            .Should().Be("config.yaml:2:9: this quoted value is never closed (a closing \" or ' is missing)");
    }

    [Fact]
    public void A_value_starting_with_a_reserved_character_asks_for_quotes()
    {
        OnlyLine("sources:\n  - kind: sniffer\n    port: @serial\n")
            .Should().Be("config.yaml:3:11: a value cannot start with '@'; put it in quotes");
    }

    [Fact]
    public void An_unquoted_environment_reference_inside_braces_gets_the_hint_to_quote_it()
    {
        OnlyLine("sources:\n  - kind: eg4-modbus\n    port: /dev/x\n    packs:\n      - {name: ${PACK}, address: 1}\n", _ => "a")
            .Should().Be("config.yaml:5:17: '${...}' inside '{ }' or '[ ]' must be quoted, e.g. {name: \"${PACK}\"}");
    }

    [Fact]
    public void A_duplicate_key_is_phrased_like_the_other_errors_with_its_path_and_the_first_line()
    {
        OnlyLine("sources:\n  - kind: eg4-modbus\n    port: /dev/x\n    baud: 9600\n    baud: 19200\n    packs: [{name: a, address: 1}]\n")
            .Should().Be("config.yaml:5:5: sources[0].baud: duplicate key, already set on line 4");
    }

    [Fact]
    public void A_capitalised_kind_is_flagged_as_an_unknown_key_with_a_suggestion()
    {
        OnlyLine("sources:\n  - Kind: eg4-modbus\n    port: /dev/x\n    packs: [{name: a, address: 1}]\n")
            .Should().Be("config.yaml:2:5: sources[0].Kind: unknown key (did you mean 'kind'?)");
    }

    [Fact]
    public void An_abbreviated_key_gets_a_suggestion()
    {
        OnlyLine("sources:\n  - kind: sniffer\n    port: /dev/x\nlogging:\n  lvl: debug\n")
            .Should().Be("config.yaml:5:3: logging.lvl: unknown key (did you mean 'level'?)");
    }

    [Fact]
    public void A_directory_given_as_the_configuration_says_it_is_a_directory()
    {
        var directory = Directory.CreateTempSubdirectory("streams-config-dir-");
        try
        {
            Configuration.Load(directory.FullName).Errors.Should().ContainSingle()
                .Which.ToString().Should().Be($"{directory.FullName}: is a directory, not a configuration file");
        }
        finally
        {
            directory.Delete();
        }
    }
}
