using FluentAssertions;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Esphome;

/// <summary><c>streams scan --esphome</c> as a real process against the fake proxy: what it hears, and the mistakes a user makes with the key.</summary>
public sealed class EsphomeScanTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-esphome-scan-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task An_encrypted_proxy_lists_the_BMS_marked_and_the_other_device_unmarked()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        var keyFile = Path.Combine(_dir.FullName, "proxy.key");
        await File.WriteAllTextAsync(keyFile, fake.Key + "\n");

        var (exit, stdout, stderr) = await ScanAsync(fake, "--encryption-key-file", keyFile);

        exit.Should().Be(0, stderr);
        ShouldListTheFakesDevices(stdout, stderr);
        stderr.Should().Contain($"streams: listening through ESPHome proxy 127.0.0.1:{fake.Port} (encrypted) for 1 s ...").And.NotContain(fake.Key!);
        await fake.WaitForAsync("subscribed streams", Wait);
    }

    [Fact]
    public async Task A_plaintext_proxy_lists_without_a_key()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: false);

        var (exit, stdout, stderr) = await ScanAsync(fake);

        exit.Should().Be(0, stderr);
        ShouldListTheFakesDevices(stdout, stderr);
    }

    [Fact]
    public async Task A_wrong_key_is_one_line_and_exit_2()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        var wrong = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var (exit, stdout, stderr) = await ScanAsync(fake, "--encryption-key", wrong);

        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        LastLine(stderr).Should().Be($"streams: scan: ESPHome proxy 127.0.0.1:{fake.Port} rejected the encryption key: it is not the key in the proxy's api: encryption: key (Handshake MAC failure)");
        stderr.Should().NotContain(wrong).And.NotContain("   at ");
    }

    [Fact]
    public async Task No_key_for_an_encrypted_proxy_is_one_line_and_exit_2()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);

        var (exit, _, stderr) = await ScanAsync(fake);

        exit.Should().Be(2);
        LastLine(stderr).Should().Be($"streams: scan: ESPHome proxy 127.0.0.1:{fake.Port} requires encryption: set its API encryption key (api: encryption: key in its YAML)");
    }

    [Fact]
    public async Task A_key_that_is_no_key_is_one_line_and_exit_2_without_touching_the_proxy()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);

        var (exit, _, stderr) = await ScanAsync(fake, "--encryption-key", "hunter2");

        exit.Should().Be(2);
        LastLine(stderr).Should().Be("streams: scan: --encryption-key: the ESPHome encryption key is not base64 (copy it from the proxy's api: encryption: key)");
        fake.Log.Should().NotContain("client connected");
    }

    [Fact]
    public async Task An_unreachable_proxy_is_one_line_and_exit_2()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (exit, _, stderr) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "scan", "--esphome", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seconds", "1"], Wait);

        exit.Should().Be(2);
        LastLine(stderr).Should().Be($"streams: scan: ESPHome proxy 127.0.0.1:{port} unreachable: Connection refused");
    }

    [Fact]
    public async Task An_adapter_with_a_proxy_is_a_usage_error()
    {
        var (exit, _, stderr) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "scan", "--esphome", "bms-proxy.local", "--adapter", "hci1"], Wait);

        exit.Should().Be(2);
        LastLine(stderr).Should().Be("streams: --adapter applies to BlueZ only; an ESPHome proxy scans with its own radio (drop --adapter or --esphome) (see streams --help)");
    }

    private static void ShouldListTheFakesDevices(string stdout, string stderr)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(l => l.StartsWith(FakeEsphomeProxy.BmsMac, StringComparison.Ordinal))
            .Which.Should().Contain("-62 dBm").And.Contain("xiaoxiang BMS").And.EndWith("[BMS, service ff00]");
        lines.Should().ContainSingle(l => l.StartsWith("11:22:33:44:55:66", StringComparison.Ordinal))
            .Which.Should().Contain("-80 dBm").And.NotContain("[BMS");
        LastLine(stderr).Should().Be("streams: 2 device(s), 1 BMS-like");
    }

    private static Task<(int ExitCode, string Output, string Error)> ScanAsync(FakeEsphomeProxy fake, params string[] more) =>
        ChildProcess.RunAsync(
            StreamsCli.DotnetHost,
            [StreamsCli.DllPath, "scan", "--esphome", "127.0.0.1", "--port", fake.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seconds", "1", .. more],
            Wait);

    private static string LastLine(string text) => text.TrimEnd().Split('\n').Last().TrimEnd('\r');
}
