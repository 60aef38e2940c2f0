namespace Streams.Service;

/// <summary>
/// The service manager a live run reports to (systemd, through <c>sd_notify</c>): that it is ready,
/// and, while its pipeline keeps moving, that it is alive.
/// </summary>
public interface IServiceManager
{
    /// <summary>How often the manager wants to hear "alive"; null when it runs no watchdog.</summary>
    TimeSpan? WatchdogInterval { get; }

    /// <summary>The sources are open and the pipeline is subscribed.</summary>
    void Ready();

    /// <summary>A check found recent progress (systemd: <c>WATCHDOG=1</c>).</summary>
    void Alive();
}
