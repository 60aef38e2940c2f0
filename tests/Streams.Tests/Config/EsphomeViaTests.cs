using FluentAssertions;
using Streams.Config.Model;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

/// <summary><c>via: esphome</c> on a <c>jbd-ble</c> source: the proxy's keys, their checks, and that the key never shows.</summary>
public sealed class EsphomeViaTests : IDisposable
{
    // 32 bytes of base64, as ESPHome's wizard writes into api: encryption: key.
    private const string Key = "px7tsbK3C7bpXHr2OevEV2ZMg/FrNyw2+O/xrsCIIL4=";
    private const string OtherKey = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU=";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-esphome-config-");

    private static readonly string Valid = $"""
        sources:
          - kind: jbd-ble
            mac: "AA:BB:CC:DD:EE:01"
            name: shed
            via: esphome
            host: bms-proxy.local
            encryption_key: "{Key}"
        """;

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Replace(string from, string to)
    {
        Valid.Should().Contain(from);
        return Valid.Replace(from, to);
    }

    private static JbdBleSourceConfig Source(StreamsConfig config) => config.Sources.Should().ContainSingle().Which.Should().BeOfType<JbdBleSourceConfig>().Subject;

    [Fact]
    public void A_proxy_source_loads_with_the_default_port()
    {
        var proxy = Source(ShouldLoad(Valid)).Proxy!;

        proxy.Host.Should().Be("bms-proxy.local");
        proxy.Port.Should().Be(6053);
        proxy.EncryptionKey!.Reveal().Should().Be(Key);
        proxy.ApiPassword.Should().BeNull();
        proxy.Endpoint.Should().Be("bms-proxy.local:6053");
    }

    [Fact]
    public void Without_via_the_source_uses_BlueZ() =>
        Source(ShouldLoad(Replace("\n    via: esphome\n    host: bms-proxy.local\n    encryption_key: \"" + Key + "\"", ""))).Proxy.Should().BeNull();

    [Fact]
    public void A_plaintext_proxy_with_a_port_and_the_legacy_password_loads()
    {
        var proxy = Source(ShouldLoad(Replace($"\n    encryption_key: \"{Key}\"", "\n    port: 6054\n    api_password: ${ESPHOME_PASSWORD}"), env: name => name == "ESPHOME_PASSWORD" ? "old-firmware" : null)).Proxy!;

        proxy.Port.Should().Be(6054);
        proxy.EncryptionKey.Should().BeNull();
        proxy.ApiPassword!.Reveal().Should().Be("old-firmware");
    }

    [Fact]
    public void The_key_may_come_from_the_environment() =>
        Source(ShouldLoad(Replace($"\"{Key}\"", "${ESPHOME_KEY}"), env: name => name == "ESPHOME_KEY" ? Key : null)).Proxy!.EncryptionKey!.Reveal().Should().Be(Key);

    [Fact]
    public void The_key_may_come_from_a_file()
    {
        var file = Path.Combine(_dir.FullName, "proxy.key");
        File.WriteAllText(file, Key + "\n");

        Source(ShouldLoad(Replace($"encryption_key: \"{Key}\"", $"encryption_key_file: {file}"))).Proxy!.EncryptionKey!.Reveal().Should().Be(Key);
    }

    [Fact]
    public void A_key_that_is_not_base64_is_one_line_that_does_not_repeat_it()
    {
        var error = ShouldFailAt(Replace(Key, "not a key!"), "sources[0].encryption_key", 7, "is not base64");

        error.ToString().Should().NotContain("not a key!");
    }

    [Fact]
    public void A_key_of_the_wrong_length_says_how_long_it_is_without_repeating_it()
    {
        const string Short = "MDEyMzQ1Njc4OWFiY2RlZg==";

        var error = ShouldFailAt(Replace(Key, Short), "sources[0].encryption_key", 7, "decodes to 16 bytes, not 32");

        error.ToString().Should().NotContain(Short);
    }

    [Fact]
    public void A_bad_key_in_a_file_names_the_file_not_the_key()
    {
        var file = Path.Combine(_dir.FullName, "short.key");
        File.WriteAllText(file, "c2hvcnQ=\n");

        var error = ShouldFailAt(Replace($"encryption_key: \"{Key}\"", $"encryption_key_file: {file}"), "sources[0].encryption_key_file", 7, "decodes to 5 bytes, not 32 (copy it from the proxy's api: encryption: key) in '/");

        error.ToString().Should().NotContain("c2hvcnQ=");
    }

    [Fact]
    public void The_key_and_its_file_together_are_rejected() =>
        ShouldFailAt(Replace($"encryption_key: \"{Key}\"", $"encryption_key: \"{Key}\"\n    encryption_key_file: /run/secrets/proxy"), "sources[0].encryption_key_file", 8, "cannot be combined with encryption_key");

    [Fact]
    public void A_missing_key_file_is_named() =>
        ShouldFailAt(Replace($"encryption_key: \"{Key}\"", "encryption_key_file: /nonexistent/proxy.key"), "sources[0].encryption_key_file", 7, "cannot read '/nonexistent/proxy.key': no such file");

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    public void The_port_must_be_a_TCP_port(string port) =>
        ShouldFailAt(Replace("host: bms-proxy.local", $"host: bms-proxy.local\n    port: {port}"), "sources[0].port", 7, $"must be 1..65535, got {port}");

    [Fact]
    public void The_host_is_required() =>
        ShouldFailAt(Replace("    host: bms-proxy.local\n", ""), "sources[0].host", 2, "required value is missing");

    [Fact]
    public void The_host_is_a_name_not_a_url() =>
        ShouldFailAt(Replace("host: bms-proxy.local", "host: tcp://bms-proxy.local:6053"), "sources[0].host", 6, "must be a host name or address (no scheme, path or spaces; the port goes in 'port')");

    [Fact]
    public void An_adapter_with_a_proxy_is_an_error() =>
        ShouldFailAt(Replace("via: esphome", "via: esphome\n    adapter: hci0"), "sources[0].adapter", 6, "applies only to via: bluez (an ESPHome proxy connects with its own radio); remove it");

    [Fact]
    public void Proxy_keys_without_via_esphome_are_errors()
    {
        var result = Load(Replace("    via: esphome\n", ""));

        result.Errors.Select(e => e.KeyPath).Should().Equal("sources[0].host", "sources[0].encryption_key");
        result.Errors.Should().OnlyContain(e => e.Message == "applies only to via: esphome (this source uses the local BlueZ adapter); add via: esphome or remove it");
    }

    [Fact]
    public void An_unknown_via_is_the_only_error()
    {
        var result = Load(Replace("via: esphome", "via: wifi"));

        result.Errors.Should().ContainSingle().Which.ToString().Should().Be("config.yaml:5:10: sources[0].via: must be one of bluez, esphome, got 'wifi'");
    }

    [Fact]
    public void Sources_through_one_proxy_share_its_settings()
    {
        var config = ShouldLoad(Valid + $"""

              - kind: jbd-ble
                mac: "AA:BB:CC:DD:EE:02"
                name: garage
                via: esphome
                host: BMS-PROXY.local
                encryption_key: "{Key}"
            """);

        config.Sources.Cast<JbdBleSourceConfig>().Select(s => s.Proxy!.Endpoint).Distinct().Should().ContainSingle();
    }

    [Fact]
    public void Sources_through_one_proxy_with_different_keys_are_an_error_that_shows_neither()
    {
        var error = ShouldFailAt(Valid + $"""

              - kind: jbd-ble
                mac: "AA:BB:CC:DD:EE:02"
                name: garage
                via: esphome
                host: bms-proxy.local
                encryption_key: "{OtherKey}"
            """, "sources[1].host", 12, "ESPHome proxy bms-proxy.local:6053 is given another encryption_key or api_password at sources[0].host (line 6)");

        error.ToString().Should().NotContain(Key).And.NotContain(OtherKey);
    }

    [Fact]
    public void The_same_host_on_another_port_is_another_proxy() =>
        ShouldLoad(Valid + $"""

              - kind: jbd-ble
                mac: "AA:BB:CC:DD:EE:02"
                name: garage
                via: esphome
                host: bms-proxy.local
                port: 6054
                encryption_key: "{OtherKey}"
            """).Sources.Cast<JbdBleSourceConfig>().Select(s => s.Proxy!.Endpoint).Should().Equal("bms-proxy.local:6053", "bms-proxy.local:6054");

    [Fact]
    public void Printing_the_source_shows_neither_the_key_nor_the_password()
    {
        var source = Source(ShouldLoad(Replace("host: bms-proxy.local", "host: bms-proxy.local\n    api_password: Zq7-api-secret")));

        source.ToString().Should().NotContain(Key).And.NotContain("Zq7-api-secret").And.Contain("EncryptionKey = ***").And.Contain("ApiPassword = ***");
    }
}
