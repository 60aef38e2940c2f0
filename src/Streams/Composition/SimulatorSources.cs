using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Devices.Modbus.Sniffing;

namespace Streams.Composition;

/// <summary>
/// Translations between configured sources and simulators: the simulator that stands in for a real
/// source (for <c>--dry-run</c>), and the real-hardware source that polls a running simulator
/// through its pty, so a simulated pack goes through exactly the code a real one does.
/// </summary>
public static class SimulatorSources
{
    /// <summary>
    /// The simulator equivalent to <paramref name="source"/>: EG4 Modbus packs become <c>eg4-ll</c>
    /// packs at the same addresses (same names, poll interval and register count), 7E packs become
    /// <c>eg4-7e</c>, a JBD (UART or BLE) becomes one <c>jbd</c>, and a sniffer becomes <c>eg4-ll</c>
    /// packs at its named addresses (address 1 with the automatic name when it names none), polled
    /// instead of overheard. A simulator is returned unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">A source kind this method does not know.</exception>
    public static SimulatorSourceConfig EquivalentSimulator(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source switch
        {
            SimulatorSourceConfig simulator => simulator,
            Eg4ModbusSourceConfig modbus => new(
                SimulatedDevice.Eg4Ll, modbus.PollInterval, modbus.RegisterCount, Limits.DefaultCellCount, modbus.Packs),
            Eg4LegacySourceConfig legacy => new(
                SimulatedDevice.Eg47E, legacy.PollInterval, Limits.DefaultRegisterCount, legacy.CellCount, legacy.Packs),
            JbdSerialSourceConfig jbd => Jbd(jbd.Name, jbd.PollInterval),
            JbdBleSourceConfig jbd => Jbd(jbd.Name, jbd.PollInterval),
            SnifferSourceConfig sniffer => new(
                SimulatedDevice.Eg4Ll,
                Limits.DefaultPollInterval,
                Limits.DefaultRegisterCount,
                Limits.DefaultCellCount,
                sniffer.Packs.Count > 0 ? sniffer.Packs : [new PackConfig(SnifferNaming.AutoName(1), 1)]),
            _ => throw new ArgumentException($"No simulator stands in for a '{source.Kind}' source.", nameof(source)),
        };
    }

    /// <summary>
    /// The real-hardware source that polls <paramref name="simulator"/> on <paramref name="port"/>:
    /// <c>eg4-modbus</c> for both EG4-LL maps, <c>eg4-7e</c>, or <c>jbd-serial</c> (named after the
    /// simulator's single pack), with the loader's default timeout and inter-frame gap.
    /// </summary>
    public static SourceConfig AsSerialSource(SimulatorSourceConfig simulator, string port, int baud)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentException.ThrowIfNullOrWhiteSpace(port);
        return simulator.Device switch
        {
            SimulatedDevice.Eg4Ll or SimulatedDevice.Eg4LlMaster => new Eg4ModbusSourceConfig(
                port,
                baud,
                Limits.DefaultTimeout,
                simulator.PollInterval,
                simulator.RegisterCount,
                Limits.DefaultInterFrameGap,
                CapturePath: null,
                simulator.Packs),
            SimulatedDevice.Eg47E => new Eg4LegacySourceConfig(
                port,
                baud,
                Limits.DefaultTimeout,
                simulator.PollInterval,
                Limits.DefaultInterFrameGap,
                simulator.CellCount,
                CapturePath: null,
                simulator.Packs),
            SimulatedDevice.Jbd => new JbdSerialSourceConfig(
                port, baud, simulator.Packs[0].Name, Limits.DefaultTimeout, simulator.PollInterval, CapturePath: null),
            _ => throw new ArgumentOutOfRangeException(nameof(simulator), simulator.Device, "Unknown simulated device kind."),
        };
    }

    private static SimulatorSourceConfig Jbd(string name, TimeSpan pollInterval) =>
        new(SimulatedDevice.Jbd, pollInterval, Limits.DefaultRegisterCount, Limits.DefaultCellCount, [new PackConfig(name, 1)]);
}
