using FluentAssertions;
using Streams.Config.Loading;
using Xunit;
using YamlDotNet.RepresentationModel;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

/// <summary>No secret appears in a configuration message, whatever key it was typed into.</summary>
public sealed class SecretsInErrorsTests
{
    private const string Secret = "Pz8-hunter2-Qx";

    private static IReadOnlyList<string> Messages(string yaml, Func<string, string?>? env = null)
    {
        var result = Load(yaml, env);
        return [.. result.Errors.Concat(result.Warnings).Select(e => e.ToString())];
    }

    [Fact]
    public void A_password_in_a_url_typed_as_the_host_is_not_echoed()
    {
        var lines = Messages($"sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: mqtt://bms:{Secret}@broker.lan\n");

        lines.Should().ContainSingle().Which.Should().Be(
            "config.yaml:5:9: mqtt.host: must be a host name or address (no scheme, path or spaces; the port goes in 'port'), got 'mqtt://bms:***@broker.lan'");
    }

    [Fact]
    public void A_url_with_a_long_password_is_redacted_before_the_value_is_shortened()
    {
        var longSecret = Secret + Secret + Secret;
        var lines = Messages($"sources:\n  - kind: sniffer\n    port: mqtt://u:{longSecret}@h\n    baud: 1\n");

        lines.Should().NotBeEmpty();
        lines.Should().AllSatisfy(line => line.Should().NotContain(Secret[..6]));
    }

    [Theory]
    [InlineData("port")]
    [InlineData("name")]
    [InlineData("client_id")]
    public void A_url_with_userinfo_is_redacted_in_any_key(string key)
    {
        var yaml = key == "name"
            ? $"sources:\n  - kind: jbd-serial\n    port: /dev/x\n    name: https://a:{Secret}@x\n"
            : key == "port"
                ? $"sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: h\n  port: tcp://a:{Secret}@x\n"
                : $"sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: h\n  client_id: tcp://a:{Secret}@x y\n";

        var lines = Messages(yaml);

        lines.Should().NotBeEmpty();
        lines.Should().AllSatisfy(line => line.Should().NotContain(Secret).And.Contain("***"));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("api_key")]
    [InlineData("encryption_key")]
    [InlineData("secret")]
    [InlineData("token")]
    [InlineData("psk")]
    public void The_value_of_a_key_named_like_a_secret_is_never_echoed(string key)
    {
        // Any reader that echoes a bad value (here: a number expected) must not show a secret's.
        var context = new ConfigContext(FileName, _ => null, "/", []);
        var stream = new YamlStream();
        stream.Load(new StringReader($"{key}: {Secret}\n"));
        var map = MappingReader.Open(stream.Documents[0].RootNode, "mqtt", context)!;

        _ = map.Integer(key, 0, 0, 10);
        _ = map.Choice(key, 0, [new KeyValuePair<string, int>("a", 1)]);

        context.Errors.Should().HaveCount(2);
        context.Errors.Should().AllSatisfy(e => e.ToString().Should().NotContain(Secret).And.Contain("'***'"));
    }

    [Fact]
    public void A_key_naming_a_file_of_a_secret_still_shows_its_path()
    {
        var context = new ConfigContext(FileName, _ => null, "/", []);
        var stream = new YamlStream();
        stream.Load(new StringReader("key_file: notanumber\n"));
        var map = MappingReader.Open(stream.Documents[0].RootNode, "mqtt.tls", context)!;

        _ = map.Integer("key_file", 0, 0, 10);

        context.Errors.Should().ContainSingle().Which.ToString().Should().EndWith("got 'notanumber'");
    }

    [Fact]
    public void A_bad_ble_password_is_not_echoed_even_when_it_came_from_the_environment()
    {
        var lines = Messages("sources:\n  - kind: jbd-ble\n    mac: AA:BB:CC:DD:EE:01\n    name: b\n    password: [${PW}]\n", name => name == "PW" ? Secret : null);

        lines.Should().NotBeEmpty();
        lines.Should().AllSatisfy(line => line.Should().NotContain(Secret));
    }

    [Fact]
    public void A_secret_typed_into_a_key_that_echoes_its_value_is_replaced_by_stars()
    {
        var lines = Messages($"sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: h\n  username: u\n  password: {Secret}\n  password_file: /x\n");

        lines.Should().NotBeEmpty();
        lines.Should().AllSatisfy(line => line.Should().NotContain(Secret));
    }
}
