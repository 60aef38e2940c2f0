using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.HomeAssistant;
using Streams.Polling;

namespace Streams.Composition.Kinds;

/// <summary><c>kind: jbd-serial</c>: one JBD / Xiaoxiang BMS on its UART.</summary>
internal sealed class JbdSerialKind : SourceKind<JbdSerialSourceConfig>
{
    public const string Simulated = "jbd";

    public override string Kind => JbdSerialSourceConfig.KindName;

    public override IReadOnlyList<SimulatedDeviceKind> SimulatedDevices { get; } =
    [
        new(Simulated, CommonFields.MaxCells, SinglePack: true, (_, cells, clock, seed) => new SimulatedJbdBms(cells, clock, seed), PolledAs),
    ];

    public override JbdSerialSourceConfig Read(MappingReader map) => new(
        Port: NameRules.SerialPort(map),
        Baud: map.Baud(),
        Name: NameRules.PackName(map),
        Timeout: map.Timeout(Limits.DefaultTimeout),
        PollInterval: map.PollInterval(),
        CapturePath: map.FilePath("capture"));

    public override IObservable<PackPoll> Polls(JbdSerialSourceConfig source, SourceContext context) =>
        context.SerialLink(source.Port, source.Baud).PollJbdSerial(
            Bus(source),
            source.Name,
            context.Scheduler,
            context.Poller);

    /// <summary>A JBD UART has no gap setting: <see cref="JbdSerialPolling.InterFrameGap"/>.</summary>
    public static BusOptions Bus(JbdSerialSourceConfig source) =>
        new(source.Port, source.Timeout, source.PollInterval, JbdSerialPolling.InterFrameGap, source.CapturePath);

    public override SimulatorSourceConfig EquivalentSimulator(JbdSerialSourceConfig source) => Equivalent(source.Name, source.PollInterval);

    public override IEnumerable<(string Name, DeviceSettings Settings)> Devices(JbdSerialSourceConfig source) =>
        [(source.Name, new DeviceSettings(source.PollInterval))];

    public override string? CaptureName(JbdSerialSourceConfig source) => source.Port;

    /// <summary>One simulated JBD BMS under the BMS's name (the protocol has no addresses).</summary>
    public static SimulatorSourceConfig Equivalent(string name, TimeSpan pollInterval) =>
        new(Simulated, pollInterval, Limits.DefaultRegisterCount, Limits.DefaultCellCount, [new PackConfig(name, 1)]);

    /// <summary>Named after the simulator's single pack.</summary>
    private static SourceConfig PolledAs(SimulatorSourceConfig simulator, string port, int baud) =>
        new JbdSerialSourceConfig(port, baud, simulator.Packs[0].Name, Limits.DefaultTimeout, simulator.PollInterval, CapturePath: null);
}
