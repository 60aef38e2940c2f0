using System.Reactive.Concurrency;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Simulation;
using Streams.Transports.Serial;

namespace Streams.Composition;

/// <summary>
/// A running <c>kind: simulator</c> source: its <see cref="SimulatorHost"/> with one simulated device
/// per configured pack, and the real-hardware source that polls it through the pty, so a simulated
/// pack goes through exactly the code a real one does.
/// </summary>
internal sealed class SimulatedSource : IDisposable
{
    /// <summary>The speed to open the port at (a pty ignores it; 9600 like the real packs).</summary>
    public const int Baud = SerialBaud.Default;

    private SimulatedSource(SimulatorSourceConfig config, SimulatorHost host, SourceConfig serialSource)
    {
        Config = config;
        Host = host;
        SerialSource = serialSource;
    }

    public SimulatorSourceConfig Config { get; }

    /// <summary>What to open: the link path when one was asked for, else the pty's <c>/dev/pts/N</c>.</summary>
    public string DevicePath => Host.DevicePath;

    /// <summary>The settings that open the simulator's port.</summary>
    public SerialSettings SerialSettings => new(DevicePath, Baud);

    public SimulatedBus Bus => Host.Bus;

    public SimulatorHost Host { get; }

    /// <summary>The real-hardware source (eg4-modbus, eg4-7e or jbd-serial) that polls this simulator.</summary>
    public SourceConfig SerialSource { get; }

    /// <summary>Opens the pty and starts serving one device per pack of <paramref name="config"/>.</summary>
    /// <param name="config">The simulator source.</param>
    /// <param name="scheduler">The devices' clock and the reply-delay timer.</param>
    /// <param name="linkPath">Where to put a symlink to the pty (replacing an old symlink), or null.</param>
    /// <param name="replyDelay">How long each device waits before replying; default none.</param>
    /// <param name="seed">Base seed; each pack's drift comes from it, its name and its address.</param>
    /// <exception cref="ArgumentException">An unknown device, or several packs for a device whose protocol has no addresses.</exception>
    /// <exception cref="IOException">No pty could be allocated, or the link path is taken by a file.</exception>
    public static SimulatedSource Start(
        SimulatorSourceConfig config,
        IScheduler scheduler,
        string? linkPath = null,
        TimeSpan replyDelay = default,
        int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(scheduler);
        var kind = SourceKinds.Simulated(config.Device)
            ?? throw new ArgumentException($"no simulated device is called '{config.Device}'", nameof(config));
        if (kind.SinglePack && config.Packs.Count != 1)
        {
            throw new ArgumentException(
                $"A {kind.Name} simulator serves exactly one pack (the protocol has no addresses), this one lists {config.Packs.Count}.", nameof(config));
        }

        var cells = Math.Min(config.CellCount, kind.MaxCells);
        var devices = config.Packs
            .Select(pack => kind.Create((byte)pack.Address, cells, scheduler, SeedFor(seed, pack)))
            .ToArray();
        var host = SimulatorHost.Start(devices, scheduler, linkPath, replyDelay);
        return new SimulatedSource(config, host, kind.PolledAs(config, host.DevicePath, Baud));
    }

    /// <summary>
    /// A per-pack seed from a base seed and the pack's identity, stable across runs and processes
    /// (string.GetHashCode is randomised per process, so the name is hashed with FNV-1a).
    /// </summary>
    public static int SeedFor(int baseSeed, PackConfig pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var hash = 2166136261u;
        foreach (var c in pack.Name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return baseSeed ^ (int)hash ^ (pack.Address * 7919);
    }

    public void Dispose() => Host.Dispose();

    public override string ToString() => $"{Config.Device} simulator on {Host.DevicePath}";
}
