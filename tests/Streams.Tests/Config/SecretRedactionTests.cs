using FluentAssertions;
using Streams.Config.Model;
using Streams.Core;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

public sealed class SecretRedactionTests
{
    private const string MqttPassword = "Zq7-mqtt-secret";
    private const string BlePassword = "Zq7-ble-secret";

    private static StreamsConfig LoadWithSecrets() => ShouldLoad($"""
        sources:
          - kind: jbd-ble
            mac: AA:BB:CC:DD:EE:01
            name: ble1
            password: {BlePassword}
        mqtt:
          host: broker
          username: bms
          password: {MqttPassword}
        """);

    [Fact]
    public void Whole_configuration_prints_without_secrets()
    {
        var text = LoadWithSecrets().ToString();

        text.Should().NotContain(MqttPassword).And.NotContain(BlePassword);
        text.Should().Contain("Password = ***");
    }

    [Fact]
    public void Mqtt_settings_print_the_password_redacted()
    {
        var mqtt = LoadWithSecrets().Mqtt!;

        mqtt.ToString().Should().NotContain(MqttPassword).And.Contain("Password = ***").And.Contain("Username = bms");
    }

    [Fact]
    public void Ble_source_prints_the_password_redacted()
    {
        var source = LoadWithSecrets().Sources[0];

        source.ToString().Should().NotContain(BlePassword).And.Contain("Password = ***");
    }

    [Fact]
    public void Secret_prints_stars_but_reveals_its_text_on_request()
    {
        var secret = new Secret("hunter2");

        secret.ToString().Should().Be("***");
        $"{secret}".Should().Be("***");
        secret.Reveal().Should().Be("hunter2");
    }

    [Fact]
    public void Secret_exposes_no_public_property_a_structured_logger_could_walk()
    {
        typeof(Secret).GetProperties().Should().BeEmpty();
    }

    [Fact]
    public void Secrets_compare_by_value()
    {
        new Secret("a").Should().Be(new Secret("a"));
        new Secret("a").Should().NotBe(new Secret("b"));
        new Secret("a").GetHashCode().Should().Be(new Secret("a").GetHashCode());
    }

    [Fact]
    public void Errors_about_a_password_never_echo_it()
    {
        var result = Load($"sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: h\n  password: {MqttPassword}\n  password_file: /x\n");

        result.Errors.Should().NotBeEmpty();
        result.Errors.Should().AllSatisfy(e => e.ToString().Should().NotContain(MqttPassword));
    }
}
