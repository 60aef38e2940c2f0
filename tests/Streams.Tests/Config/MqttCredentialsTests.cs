using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

public sealed class MqttCredentialsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streams-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string WithPasswordFile(string path) =>
        $"sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: broker\n  username: bms\n  password_file: {path}\n";

    [Fact]
    public void Password_file_is_read_at_load_without_its_trailing_newline()
    {
        var file = Path.Combine(_directory, "mqtt.pw");
        File.WriteAllText(file, "s3cret-pass\n");

        ShouldLoad(WithPasswordFile(file)).Mqtt!.Password!.Reveal().Should().Be("s3cret-pass");
    }

    [Fact]
    public void Password_file_with_windows_line_ending_is_trimmed_too()
    {
        var file = Path.Combine(_directory, "mqtt.pw");
        File.WriteAllText(file, "pw with spaces \r\n");

        ShouldLoad(WithPasswordFile(file)).Mqtt!.Password!.Reveal().Should().Be("pw with spaces ");
    }

    [Fact]
    public void Password_file_is_relative_to_the_configuration_file()
    {
        File.WriteAllText(Path.Combine(_directory, "mqtt.pw"), "relative\n");
        var configPath = Path.Combine(_directory, "streams.yaml");
        File.WriteAllText(configPath, WithPasswordFile("mqtt.pw"));

        var result = Configuration.Load(configPath);

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Errors));
        result.Config!.Mqtt!.Password!.Reveal().Should().Be("relative");
    }

    [Fact]
    public void Missing_password_file_is_an_error_naming_the_key()
    {
        var missing = Path.Combine(_directory, "nope.pw");

        var error = ShouldFailAt(WithPasswordFile(missing), "mqtt.password_file", 7, "cannot read");
        error.Message.Should().Contain("no such file").And.Contain(missing);
    }

    [Fact]
    public void Empty_password_file_is_an_error()
    {
        var file = Path.Combine(_directory, "empty.pw");
        File.WriteAllText(file, "\n");

        ShouldFailAt(WithPasswordFile(file), "mqtt.password_file", 7, "is empty");
    }

    [Fact]
    public void Password_file_that_is_a_directory_is_an_error() =>
        ShouldFailAt(WithPasswordFile(_directory), "mqtt.password_file", 7, "cannot read");

    [Fact]
    public void Existing_tls_files_are_accepted_as_absolute_paths()
    {
        foreach (var name in new[] { "ca.crt", "client.crt", "client.key" })
        {
            File.WriteAllText(Path.Combine(_directory, name), "pem");
        }

        var configPath = Path.Combine(_directory, "streams.yaml");
        var config = Configuration.LoadFromText(
            "sources:\n  - kind: sniffer\n    port: /dev/x\nmqtt:\n  host: broker\n  tls:\n    ca_file: ca.crt\n    cert_file: client.crt\n    key_file: client.key\n",
            configPath,
            _ => null).Config!;

        config.Mqtt!.Tls.Should().Be(new MqttTlsConfig(
            Path.Combine(_directory, "ca.crt"), Path.Combine(_directory, "client.crt"), Path.Combine(_directory, "client.key"), Insecure: false));
    }
}
