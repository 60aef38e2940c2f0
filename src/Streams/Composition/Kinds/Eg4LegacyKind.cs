using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.HomeAssistant;
using Streams.Polling;

namespace Streams.Composition.Kinds;

/// <summary><c>kind: eg4-7e</c>: legacy EG4 LifePower (v1) packs polled round-robin over "7E … 0D".</summary>
internal sealed class Eg4LegacyKind : SourceKind<Eg4LegacySourceConfig>
{
    public const string Simulated = "eg4-7e";

    public override string Kind => Eg4LegacySourceConfig.KindName;

    public override IReadOnlyList<SimulatedDeviceKind> SimulatedDevices { get; } =
    [
        new(Simulated, Eg4LegacyLayout.MaxCells, SinglePack: false, (address, cells, clock, seed) => new SimulatedEg47EPack(address, cells, clock, seed), PolledAs),
    ];

    public override Eg4LegacySourceConfig Read(MappingReader map) => new(
        Port: NameRules.SerialPort(map),
        Baud: map.Baud(),
        Timeout: map.Timeout(Limits.DefaultTimeout),
        PollInterval: map.PollInterval(),
        InterFrameGap: map.InterFrameGap(),
        CellCount: map.CellCount(),
        CapturePath: map.FilePath("capture"),
        Packs: PackListReader.Read(map, "packs", required: true));

    public override IObservable<PackPoll> Polls(Eg4LegacySourceConfig source, SourceContext context) =>
        context.SerialLink(source.Port, source.Baud).PollEg4Legacy(
            Bus(source),
            Packs.Polled(source.Packs),
            source.CellCount,
            context.Scheduler,
            context.Poller);

    public static BusOptions Bus(Eg4LegacySourceConfig source) =>
        new(source.Port, source.Timeout, source.PollInterval, source.InterFrameGap, source.CapturePath);

    public override SimulatorSourceConfig EquivalentSimulator(Eg4LegacySourceConfig source) =>
        new(Simulated, source.PollInterval, Limits.DefaultRegisterCount, source.CellCount, source.Packs);

    public override IEnumerable<(string Name, DeviceSettings Settings)> Devices(Eg4LegacySourceConfig source) =>
        source.Packs.Select(pack => (pack.Name, new DeviceSettings(source.PollInterval)));

    public override string? CaptureName(Eg4LegacySourceConfig source) => source.Port;

    private static SourceConfig PolledAs(SimulatorSourceConfig simulator, string port, int baud) => new Eg4LegacySourceConfig(
        port, baud, Limits.DefaultTimeout, simulator.PollInterval, Limits.DefaultInterFrameGap, simulator.CellCount, CapturePath: null, simulator.Packs);
}
