using System.Reactive.Concurrency;
using Streams.Transports.Serial;

namespace Streams.Simulation;

/// <summary>
/// Serves simulated devices on a pseudo-terminal: its master side carries a
/// <see cref="SimulatedBus"/>; whoever opens <see cref="DevicePath"/> talks to the devices exactly as
/// to a USB adapter. Disposing stops the bus and closes the pty (a hangup for whoever has it open).
/// </summary>
internal sealed class SimulatorHost : IDisposable
{
    private readonly PseudoTerminal _pty;

    private SimulatorHost(PseudoTerminal pty, SimulatedBus bus)
    {
        _pty = pty;
        Bus = bus;
    }

    /// <summary>What to open: the link path when one was asked for, else the pty's <c>/dev/pts/N</c>.</summary>
    public string DevicePath => _pty.Path;

    /// <summary>The pty itself, <c>/dev/pts/N</c>.</summary>
    public string PtyPath => _pty.DevicePath;

    /// <summary>The symlink made at start, or null.</summary>
    public string? LinkPath => _pty.LinkPath;

    public SimulatedBus Bus { get; }

    /// <summary>Opens the pty and starts serving <paramref name="devices"/>.</summary>
    /// <param name="devices">The devices of one bus (see <see cref="SimulatedBus.Start"/>).</param>
    /// <param name="scheduler">The reply-delay timer.</param>
    /// <param name="linkPath">Where to put a symlink to the pty (replacing an old symlink), or null.</param>
    /// <param name="replyDelay">How long each device waits before replying; default none.</param>
    /// <exception cref="ArgumentException">Devices one bus cannot carry (see <see cref="SimulatedBus.Start"/>).</exception>
    /// <exception cref="IOException">No pty could be allocated, or the link path is taken by a file.</exception>
    public static SimulatorHost Start(
        IReadOnlyList<ISimulatedDevice> devices,
        IScheduler scheduler,
        string? linkPath = null,
        TimeSpan replyDelay = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(scheduler);
        var pty = PseudoTerminal.Open(linkPath);
        try
        {
            return new SimulatorHost(pty, SimulatedBus.Start(pty.Master, devices, scheduler, replyDelay));
        }
        catch
        {
            pty.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Bus.Dispose();
        _pty.Dispose();
    }

    public override string ToString() => $"{Bus.Protocol} simulator on {_pty}";
}
