using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Streams.Service;
using Xunit;

namespace Streams.Tests.Service;

/// <summary>sd_notify over a real Unix datagram socket, as systemd listens on it.</summary>
public sealed class SystemdNotifierTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-notify-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Ready_alive_and_stopping_arrive_as_one_datagram_each()
    {
        var path = Path.Combine(_dir.FullName, "notify");
        using var systemd = Listen(path);
        using var notifier = new SystemdNotifier(path, TimeSpan.FromSeconds(30));

        notifier.Ready();
        notifier.Alive();
        notifier.Stopping();

        Receive(systemd).Should().Be($"READY=1\nMAINPID={Environment.ProcessId}");
        Receive(systemd).Should().Be("WATCHDOG=1");
        Receive(systemd).Should().Be("STOPPING=1");
    }

    [Fact]
    public void A_watchdog_ping_before_ready_is_not_sent_so_systemd_hears_of_the_start_first()
    {
        var path = Path.Combine(_dir.FullName, "notify");
        using var systemd = Listen(path);
        using var notifier = new SystemdNotifier(path, TimeSpan.FromSeconds(30));

        notifier.Alive();
        notifier.Ready();
        notifier.Alive();

        Receive(systemd).Should().StartWith("READY=1\n");
        Receive(systemd).Should().Be("WATCHDOG=1");
    }

    [Fact]
    public void An_abstract_socket_name_is_written_with_a_leading_at_sign()
    {
        var name = $"streams-test-{Guid.NewGuid():N}";
        using var systemd = Listen("\0" + name);
        using var notifier = new SystemdNotifier("@" + name, null);

        notifier.Ready();

        Receive(systemd).Should().StartWith("READY=1\n");
    }

    [Fact]
    public void Without_NOTIFY_SOCKET_nothing_is_sent_and_nothing_fails()
    {
        using var notifier = new SystemdNotifier(null, null);

        notifier.Ready();
        notifier.Alive();

        notifier.WatchdogInterval.Should().BeNull();
    }

    [Fact]
    public void A_listener_that_went_away_does_not_fail_the_bridge()
    {
        var path = Path.Combine(_dir.FullName, "gone");
        Listen(path).Dispose();
        using var notifier = new SystemdNotifier(path, null);

        var send = () => notifier.Alive();

        send.Should().NotThrow();
    }

    [Theory]
    [InlineData("60000000", null, 30.0)]
    [InlineData("60000000", "4242", 30.0)]
    [InlineData("1000000", null, 0.5)]
    public void The_check_interval_is_half_of_WATCHDOG_USEC(string usec, string? watchdogPid, double seconds) =>
        SystemdNotifier.WatchdogFrom(usec, watchdogPid, 4242).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(null, null)]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    [InlineData("soon", null)]
    [InlineData("60000000", "1")]
    [InlineData("60000000", "not-a-pid")]
    public void No_watchdog_when_it_is_off_or_meant_for_another_process(string? usec, string? watchdogPid) =>
        SystemdNotifier.WatchdogFrom(usec, watchdogPid, 4242).Should().BeNull();

    private static Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[512];
        var length = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
