using System.Diagnostics;
using FluentAssertions;
using Streams.Transports.Bluetooth;
using Xunit;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary><c>streams scan</c> as a real process, pointed at a private bus with DBUS_SYSTEM_BUS_ADDRESS.</summary>
public sealed class ScanCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Scan_lists_the_fake_BMS_marked_and_the_phone_unmarked()
    {
        await using var bluez = await FakeBluez.StartAsync();

        var (exit, stdout, stderr) = await RunAsync(bluez.Address, "scan", "--seconds", "1");

        exit.Should().Be(0, stderr);
        stderr.Trim().Split('\n').Last().Should().Be("streams: 2 device(s), 1 BMS-like");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(l => l.StartsWith(FakeBluez.Mac, StringComparison.Ordinal))
            .Which.Should().Contain("-62 dBm").And.Contain("xiaoxiang BMS").And.Contain("[BMS, service ff00]");
        lines.Should().ContainSingle(l => l.StartsWith("11:22:33:44:55:66", StringComparison.Ordinal))
            .Which.Should().Contain("Pixel phone").And.NotContain("[BMS");
        (await bluez.WritesAsync()).Should().BeEmpty();
        (await bluez.DiscoveryFiltersAsync()).Should().Equal(["Transport=le"]);
    }

    [Fact]
    public async Task Scan_without_BlueZ_is_one_line_and_exit_2()
    {
        await using var daemon = await DBusDaemon.StartAsync();

        var (exit, _, stderr) = await RunAsync(daemon.Address, "scan", "--seconds", "1");

        exit.Should().Be(2);
        stderr.Trim().Split('\n').Last().Should().Be("streams: scan: BlueZ (org.bluez) is not running on the system bus; is bluetoothd started?");
        stderr.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Scan_with_an_unknown_adapter_is_one_line_and_exit_2()
    {
        await using var bluez = await FakeBluez.StartAsync();

        var (exit, _, stderr) = await RunAsync(bluez.Address, "scan", "--seconds", "1", "--adapter", "hci7");

        exit.Should().Be(2);
        stderr.Trim().Split('\n').Last().Should().Be("streams: scan: Bluetooth adapter hci7 not found (adapters: hci0)");
    }

    [Fact]
    public async Task Scan_that_BlueZ_refuses_is_one_line_with_the_error_name_and_exit_2()
    {
        await using var bluez = await FakeBluez.StartAsync();
        await bluez.FailNextAsync("StartDiscovery", "org.bluez.Error.NotReady");

        var (exit, _, stderr) = await RunAsync(bluez.Address, "scan", "--seconds", "1");

        exit.Should().Be(2);
        stderr.Trim().Split('\n').Last().Should().Be("streams: scan: BlueZ answered Adapter1.StartDiscovery with org.bluez.Error.NotReady: Resource Not Ready");
        stderr.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Scan_without_a_bus_is_one_line_and_exit_2()
    {
        var (exit, _, stderr) = await RunAsync("unix:path=/nonexistent/streams-test-bus", "scan", "--seconds", "1");

        exit.Should().Be(2);
        stderr.Trim().Split('\n').Last().Should().Be(
            "streams: scan: no D-Bus system bus at unix:path=/nonexistent/streams-test-bus (no such socket); is dbus/bluetoothd running?");
        stderr.Should().NotContain("   at ");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string bus, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[BlueZBus.SystemBusVariable] = bus;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Wait);
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>src/App's build output for this configuration (the test project builds it).</summary>
    private static string CliPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = output.Name.Length > 0 ? output : output.Parent!;
        var configuration = framework.Parent!.Name;
        var root = framework;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Streams.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Streams.sln not found above the test binaries"),
            "src", "App", "bin", configuration, framework.Name, "streams.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"the streams CLI is not built at {path}", path);
    }
}
