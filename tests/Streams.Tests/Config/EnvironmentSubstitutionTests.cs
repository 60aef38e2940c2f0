using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

public sealed class EnvironmentSubstitutionTests
{
    private const string Text = """
        sources:
          - kind: eg4-modbus
            port: ${BMS_PORT}
            baud: ${BMS_BAUD}
            packs: [{name: pack1, address: 1}]
        mqtt:
          host: ${MQTT_HOST}
          username: bridge
          password: "${MQTT_PASSWORD}"
          base_topic: site-${SITE}/bms
        """;

    private static readonly Dictionary<string, string> Variables = new()
    {
        ["BMS_PORT"] = "/dev/ttyUSB7",
        ["BMS_BAUD"] = "19200",
        ["MQTT_HOST"] = "mqtt.lan",
        ["MQTT_PASSWORD"] = "p@ss${not-a-var}",
        ["SITE"] = "north",
    };

    private static string? Lookup(string name) => Variables.GetValueOrDefault(name);

    [Fact]
    public void Variables_are_substituted_before_values_are_parsed()
    {
        var config = ShouldLoad(Text, Lookup);

        var source = (Eg4ModbusSourceConfig)config.Sources[0];
        source.Port.Should().Be("/dev/ttyUSB7");
        source.Baud.Should().Be(19200);
        config.Mqtt!.Host.Should().Be("mqtt.lan");
        config.Mqtt.BaseTopic.Should().Be("site-north/bms");
    }

    [Fact]
    public void Substituted_text_is_not_substituted_again()
    {
        ShouldLoad(Text, Lookup).Mqtt!.Password!.Reveal().Should().Be("p@ss${not-a-var}");
    }

    [Fact]
    public void Undefined_variable_names_the_key_and_line()
    {
        var error = ShouldFailAt(Text, "mqtt.password", 9, "environment variable MQTT_PASSWORD is not set",
            name => name == "MQTT_PASSWORD" ? null : Lookup(name));

        error.ToString().Should().Be("config.yaml:9:13: mqtt.password: environment variable MQTT_PASSWORD is not set");
    }

    [Fact]
    public void Every_undefined_variable_is_reported()
    {
        var result = Load(Text, _ => null);

        result.Errors.Select(e => e.KeyPath).Should().Equal("sources[0].port", "sources[0].baud", "mqtt.host", "mqtt.password", "mqtt.base_topic");
    }

    [Fact]
    public void Substituted_value_is_still_validated() =>
        ShouldFailAt(Text, "sources[0].baud", 4, "must be one of 9600, 19200, 38400, 115200, got 4800",
            name => name == "BMS_BAUD" ? "4800" : Lookup(name));

    [Fact]
    public void Double_dollar_writes_a_literal_reference()
    {
        var config = ShouldLoad(Text.Replace("\"${MQTT_PASSWORD}\"", "\"$${MQTT_PASSWORD}\""), Lookup);

        config.Mqtt!.Password!.Reveal().Should().Be("${MQTT_PASSWORD}");
    }

    [Fact]
    public void A_lone_dollar_is_kept()
    {
        var config = ShouldLoad(Text.Replace("\"${MQTT_PASSWORD}\"", "\"pa$$word$\""), Lookup);

        config.Mqtt!.Password!.Reveal().Should().Be("pa$$word$");
    }

    [Fact]
    public void Unclosed_reference_is_an_error() =>
        ShouldFailAt(Text.Replace("${MQTT_HOST}", "${MQTT_HOST"), "mqtt.host", 7, "'${' without a closing '}'", Lookup);

    [Fact]
    public void Invalid_variable_name_is_an_error() =>
        ShouldFailAt(Text.Replace("${MQTT_HOST}", "${1HOST}"), "mqtt.host", 7, "is not a valid environment variable reference", Lookup);

    [Fact]
    public void Keys_are_not_substituted() =>
        ShouldFailAt("sources:\n  - kind: sniffer\n    ${KEY}: /dev/x\n", "sources[0].${KEY}", 3, "unknown key", _ => "port");

    [Fact]
    public void The_process_environment_is_the_default()
    {
        var name = $"STREAMS_CONFIG_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "/dev/ttyFROMENV");
        try
        {
            var result = Configuration.LoadFromText($"sources:\n  - kind: sniffer\n    port: ${{{name}}}\n", "config.yaml");

            ((SnifferSourceConfig)result.Config!.Sources[0]).Port.Should().Be("/dev/ttyFROMENV");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
