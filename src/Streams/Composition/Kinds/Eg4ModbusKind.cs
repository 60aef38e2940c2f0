using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.HomeAssistant;
using Streams.Polling;

namespace Streams.Composition.Kinds;

/// <summary><c>kind: eg4-modbus</c>: EG4 LifePower4 v2 / EG4-LL packs polled over Modbus RTU.</summary>
internal sealed class Eg4ModbusKind : SourceKind<Eg4ModbusSourceConfig>
{
    public const string Slave = "eg4-ll";
    public const string Master = "eg4-ll-master";

    public override string Kind => Eg4ModbusSourceConfig.KindName;

    public override IReadOnlyList<SimulatedDeviceKind> SimulatedDevices { get; } =
    [
        new(Slave, Eg4LlRegisterMap.MaxCells, SinglePack: false, (address, cells, clock, seed) => new SimulatedEg4LlPack(address, cells, clock, seed), PolledAs),
        new(Master, Eg4LlRegisterMap.MaxCells, SinglePack: false, (address, cells, clock, seed) => new SimulatedEg4LlMasterPack(address, cells, clock, seed), PolledAs),
    ];

    public override Eg4ModbusSourceConfig Read(MappingReader map) => new(
        Port: NameRules.SerialPort(map),
        Baud: map.Baud(),
        Timeout: map.Timeout(Limits.DefaultTimeout),
        PollInterval: map.PollInterval(),
        RegisterCount: map.RegisterCount(),
        InterFrameGap: map.InterFrameGap(),
        CapturePath: map.FilePath("capture"),
        Packs: PackListReader.Read(map, "packs", required: true));

    public override IObservable<PackPoll> Polls(Eg4ModbusSourceConfig source, SourceContext context) =>
        context.SerialLink(source.Port, source.Baud).PollEg4Modbus(
            Bus(source),
            Packs.Polled(source.Packs),
            source.RegisterCount,
            context.Scheduler,
            context.Poller);

    public static BusOptions Bus(Eg4ModbusSourceConfig source) =>
        new(source.Port, source.Timeout, source.PollInterval, source.InterFrameGap, source.CapturePath);

    /// <summary>EG4-LL packs at the same addresses, with the same names, poll interval and register count.</summary>
    public override SimulatorSourceConfig EquivalentSimulator(Eg4ModbusSourceConfig source) =>
        new(Slave, source.PollInterval, source.RegisterCount, Limits.DefaultCellCount, source.Packs);

    public override IEnumerable<(string Name, DeviceSettings Settings)> Devices(Eg4ModbusSourceConfig source) =>
        source.Packs.Select(pack => (pack.Name, new DeviceSettings(source.PollInterval)));

    public override string? CaptureName(Eg4ModbusSourceConfig source) => source.Port;

    public override IEnumerable<PackConfig> ModbusNames(Eg4ModbusSourceConfig source) => source.Packs;

    /// <summary>Both EG4-LL maps are polled as an <c>eg4-modbus</c> bus, with the loader's default timeout and gap.</summary>
    private static SourceConfig PolledAs(SimulatorSourceConfig simulator, string port, int baud) => new Eg4ModbusSourceConfig(
        port, baud, Limits.DefaultTimeout, simulator.PollInterval, simulator.RegisterCount, Limits.DefaultInterFrameGap, CapturePath: null, simulator.Packs);
}
