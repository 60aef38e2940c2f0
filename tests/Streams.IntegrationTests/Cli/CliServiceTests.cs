using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary>The <c>streams</c> process as systemd runs it: sd_notify on NOTIFY_SOCKET, the watchdog, SIGHUP.</summary>
public sealed class CliServiceTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-cli-service-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string ConsoleConfig()
    {
        var path = Path.Combine(_dir.FullName, "console.yaml");
        File.WriteAllText(path, """
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 500ms
                packs:
                  - name: shed
                    address: 1
            """);
        return path;
    }

    [Fact]
    public async Task SIGHUP_is_logged_and_ignored_and_the_bridge_goes_on_publishing()
    {
        using var bridge = StreamsCli.Start("-C", ConsoleConfig());
        await bridge.WaitForLineAsync(line => line.StartsWith("streams/shed/state ", StringComparison.Ordinal), Wait, "a first state");

        var hungUpAt = DateTimeOffset.UtcNow;
        bridge.Hangup();

        await bridge.WaitForErrorLineAsync(line => line.Contains("SIGHUP ignored", StringComparison.Ordinal), Wait, "the SIGHUP log line");
        // Stamped (whole seconds) after the signal: polled and published by the process that got it.
        await bridge.WaitForLineAsync(line => line.StartsWith("streams/shed/state ", StringComparison.Ordinal) && StampOf(line) > hungUpAt, Wait, "a state polled after SIGHUP");
        bridge.HasExited.Should().BeFalse();
        bridge.Terminate();
        (await bridge.WaitForExitAsync(Wait)).Should().Be(0, bridge.StandardError);
    }

    [Fact]
    public async Task Under_systemd_it_says_ready_then_feeds_the_watchdog_while_polls_finish_then_says_stopping()
    {
        var socketPath = Path.Combine(_dir.FullName, "notify");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(socketPath));
        var environment = new Dictionary<string, string?>
        {
            ["NOTIFY_SOCKET"] = socketPath,
            ["WATCHDOG_USEC"] = "1000000",
            ["WATCHDOG_PID"] = null,
        };

        using var bridge = StreamsCli.Start(environment, "-C", ConsoleConfig());

        (await ReceiveAsync(systemd)).Should().Be($"READY=1\nMAINPID={bridge.Id}");
        (await ReceiveAsync(systemd)).Should().Be("WATCHDOG=1");
        (await ReceiveAsync(systemd)).Should().Be("WATCHDOG=1");
        bridge.Terminate();
        string notification;
        do
        {
            notification = await ReceiveAsync(systemd);
        }
        while (notification == "WATCHDOG=1");

        notification.Should().Be("STOPPING=1");
        (await bridge.WaitForExitAsync(Wait)).Should().Be(0, bridge.StandardError);
    }

    private static DateTimeOffset StampOf(string stateLine)
    {
        using var state = System.Text.Json.JsonDocument.Parse(stateLine[(stateLine.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        return DateTimeOffset.Parse(state.RootElement.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[512];
        using var timeout = new CancellationTokenSource(Wait);
        var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
