namespace Streams.Transports.Tcp;

/// <summary>
/// TCP keep-alive for a converter link: after <see cref="Idle"/> without traffic the kernel sends
/// a probe every <see cref="Interval"/>, and drops the connection when <see cref="Probes"/> in a row
/// go unanswered. The same bound (<see cref="DeadAfter"/>) caps how long a request may stay
/// unacknowledged (<c>TCP_USER_TIMEOUT</c>): keep-alive alone never fires while data is in flight,
/// and the kernel's retransmissions would otherwise take about 15 minutes to give up.
/// </summary>
/// <remarks>
/// With the default 10 s / 5 s / 3, a Wi-Fi converter that loses power is noticed within 25 s of the
/// last byte it sent, a few poll intervals; the polls in between fail with their own reply timeout.
/// Linux takes these in whole seconds.
/// </remarks>
internal sealed record TcpKeepAlive
{
    public TcpKeepAlive(TimeSpan idle, TimeSpan interval, int probes)
    {
        Idle = WholeSeconds(idle, nameof(idle));
        Interval = WholeSeconds(interval, nameof(interval));
        Probes = probes is >= 1 and <= 127
            ? probes
            : throw new ArgumentOutOfRangeException(nameof(probes), probes, "Keep-alive probes are 1..127.");
    }

    /// <summary>10 s idle, then a probe every 5 s, dropped after 3 unanswered: 25 s.</summary>
    public static TcpKeepAlive Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 3);

    public TimeSpan Idle { get; }

    public TimeSpan Interval { get; }

    public int Probes { get; }

    /// <summary>The longest a dead peer goes unnoticed: idle, then every probe's wait.</summary>
    public TimeSpan DeadAfter => Idle + (Interval * Probes);

    public override string ToString() => $"keep-alive {Idle.TotalSeconds:0} s / {Interval.TotalSeconds:0} s x {Probes}";

    private static TimeSpan WholeSeconds(TimeSpan value, string name) =>
        value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromHours(2) && value.Ticks % TimeSpan.TicksPerSecond == 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Keep-alive times are whole seconds, 1 s to 2 h.");
}
