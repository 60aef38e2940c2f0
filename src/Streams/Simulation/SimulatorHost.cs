using System.Reactive.Concurrency;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Transports.Serial;

namespace Streams.Simulation;

/// <summary>
/// Runs a <c>kind: simulator</c> source: a pseudo-terminal whose master side carries a
/// <see cref="SimulatedBus"/> with one simulated device per configured pack. The bridge opens
/// <see cref="DevicePath"/> at <see cref="Baud"/> with <see cref="TermiosSerialPort"/> and polls it
/// with the real-hardware source <see cref="SerialSource"/> describes, exactly as it would a USB
/// adapter. Disposing stops the bus and closes the pty (a hangup for whoever has it open).
/// </summary>
public sealed class SimulatorHost : IDisposable
{
    private readonly PseudoTerminal _pty;

    private SimulatorHost(SimulatorSourceConfig config, PseudoTerminal pty, SimulatedBus bus)
    {
        Config = config;
        _pty = pty;
        Bus = bus;
        SerialSource = SimulatorSources.AsSerialSource(config, DevicePath, Baud);
    }

    public SimulatorSourceConfig Config { get; }

    /// <summary>What to open: the link path when one was asked for, else the pty's <c>/dev/pts/N</c>.</summary>
    public string DevicePath => _pty.Path;

    /// <summary>The pty itself, <c>/dev/pts/N</c>.</summary>
    public string PtyPath => _pty.DevicePath;

    /// <summary>The symlink made at start, or null.</summary>
    public string? LinkPath => _pty.LinkPath;

    /// <summary>The speed to open the port at (a pty ignores it; 9600 like the real packs).</summary>
    public int Baud => SerialBaud.Default;

    /// <summary>The settings that open the simulator's port.</summary>
    public SerialSettings SerialSettings => new(DevicePath, Baud);

    /// <summary>The real-hardware source (eg4-modbus, eg4-7e or jbd-serial) that polls this simulator.</summary>
    public SourceConfig SerialSource { get; }

    public SimulatedBus Bus { get; }

    /// <summary>Opens the pty and starts serving one device per pack of <paramref name="config"/>.</summary>
    /// <param name="config">The simulator source.</param>
    /// <param name="scheduler">The devices' clock and the reply-delay timer.</param>
    /// <param name="linkPath">Where to put a symlink to the pty (replacing an old symlink), or null.</param>
    /// <param name="replyDelay">How long each device waits before replying; default none.</param>
    /// <param name="seed">Base seed; each pack's drift comes from it, its name and its address.</param>
    /// <exception cref="ArgumentException">A <c>jbd</c> simulator with more than one pack (the protocol has no addresses).</exception>
    /// <exception cref="IOException">No pty could be allocated, or the link path is taken by a file.</exception>
    public static SimulatorHost Start(
        SimulatorSourceConfig config,
        IScheduler scheduler,
        string? linkPath = null,
        TimeSpan replyDelay = default,
        int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (config.Device == SimulatedDevice.Jbd && config.Packs.Count != 1)
        {
            throw new ArgumentException($"A jbd simulator serves exactly one pack (the protocol has no addresses), this one lists {config.Packs.Count}.", nameof(config));
        }

        var devices = config.Packs
            .Select(pack => SimulatedDevices.Create(config.Device, (byte)pack.Address, config.CellCount, scheduler, SimulatedDevices.SeedFor(seed, pack)))
            .ToArray();
        var pty = PseudoTerminal.Open(linkPath);
        try
        {
            var bus = SimulatedBus.Start(pty.Master, devices, scheduler, replyDelay);
            return new SimulatorHost(config, pty, bus);
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

    public override string ToString() => $"{Config.Device} simulator on {_pty}";
}
