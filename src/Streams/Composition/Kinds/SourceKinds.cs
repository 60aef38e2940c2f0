using Streams.Config.Loading;
using Streams.Config.Model;

namespace Streams.Composition.Kinds;

/// <summary>The registry: one entry per source kind, in the order help texts list them.</summary>
internal static class SourceKinds
{
    public static IReadOnlyList<ISourceKind> All { get; } =
    [
        new Eg4ModbusKind(),
        new Eg4LegacyKind(),
        new SnifferKind(),
        new JbdSerialKind(),
        new JbdBleKind(),
        new SimulatorKind(),
    ];

    /// <summary>The kinds as the configuration loader reads them.</summary>
    public static IReadOnlyList<ISourceReader> Readers => All;

    /// <summary>Every device <c>kind: simulator</c> can imitate.</summary>
    public static IReadOnlyList<SimulatedDeviceKind> SimulatedDevices { get; } = [.. All.SelectMany(kind => kind.SimulatedDevices)];

    /// <summary>The kind of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">A configuration record no kind reads (a programming error).</exception>
    public static ISourceKind For(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return All.FirstOrDefault(kind => kind.ConfigType == source.GetType())
            ?? throw new ArgumentException($"no source kind reads a {source.GetType().Name}", nameof(source));
    }

    /// <summary>The simulated device named <paramref name="name"/> (exact, lower case), if any.</summary>
    public static SimulatedDeviceKind? Simulated(string? name) => SimulatedDevices.FirstOrDefault(device => device.Name == name);
}
