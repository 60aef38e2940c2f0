using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Streams.Service;

/// <summary>
/// <c>sd_notify</c> without libsystemd: one datagram per state change to the Unix socket systemd
/// names in <c>NOTIFY_SOCKET</c> (a path, or an abstract name written with a leading <c>@</c>).
/// Outside systemd (no <c>NOTIFY_SOCKET</c>) every call does nothing.
/// </summary>
public sealed class SystemdNotifier : IServiceManager, IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private int _ready;

    internal SystemdNotifier(string? socketPath, TimeSpan? watchdog)
    {
        WatchdogInterval = watchdog;
        if (string.IsNullOrEmpty(socketPath))
        {
            return;
        }

        _endpoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>Half of <c>WATCHDOG_USEC</c>, as sd_watchdog_enabled(3) advises; null when the watchdog is off or meant for another process.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>From the environment systemd gives a <c>Type=notify</c> service.</summary>
    public static SystemdNotifier FromEnvironment()
    {
        var socket = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        return new SystemdNotifier(socket, socket is null ? null : WatchdogFrom(
            Environment.GetEnvironmentVariable("WATCHDOG_USEC"),
            Environment.GetEnvironmentVariable("WATCHDOG_PID"),
            Environment.ProcessId));
    }

    /// <summary>The check interval for <c>WATCHDOG_USEC</c>/<c>WATCHDOG_PID</c> as given to process <paramref name="pid"/>.</summary>
    internal static TimeSpan? WatchdogFrom(string? usec, string? watchdogPid, int pid)
    {
        if (!long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return null;
        }

        if (watchdogPid is not null && (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || owner != pid))
        {
            return null;
        }

        return TimeSpan.FromTicks(Math.Max(1, microseconds * 10 / 2));
    }

    public void Ready()
    {
        Send("READY=1\nMAINPID=" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Volatile.Write(ref _ready, 1);
    }

    /// <summary>
    /// Only after <see cref="Ready"/>: the watchdog's timer starts with the pipeline, a moment before
    /// the bridge says READY=1, and systemd is told about the start first.
    /// </summary>
    public void Alive()
    {
        if (Volatile.Read(ref _ready) != 0)
        {
            Send("WATCHDOG=1");
        }
    }

    /// <summary>The clean stop has begun (systemd then waits for the exit instead of the watchdog).</summary>
    public void Stopping() => Send("STOPPING=1");

    public void Dispose() => _socket?.Dispose();

    /// <summary>A notification that cannot be sent is not worth failing the bridge for: systemd acts on its absence.</summary>
    private void Send(string state)
    {
        if (_socket is null)
        {
            return;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endpoint!);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
