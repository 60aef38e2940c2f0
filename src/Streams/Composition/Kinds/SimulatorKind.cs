using System.Reactive.Linq;
using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Core;
using Streams.HomeAssistant;

namespace Streams.Composition.Kinds;

/// <summary>
/// <c>kind: simulator</c>: simulated packs of one device, served on a pseudo-terminal and polled
/// through the real serial code by the kind that polls such a device, exactly like hardware.
/// </summary>
internal sealed class SimulatorKind : SourceKind<SimulatorSourceConfig>
{
    public override string Kind => SimulatorSourceConfig.KindName;

    public override SimulatorSourceConfig Read(MappingReader map)
    {
        var devices = SourceKinds.SimulatedDevices.Select(device => new KeyValuePair<string, string>(device.Name, device.Name)).ToArray();
        _ = map.TryRequiredChoice("device", devices, out var device);
        return new SimulatorSourceConfig(
            Device: device,
            PollInterval: map.PollInterval(),
            RegisterCount: map.RegisterCount(),
            CellCount: map.CellCount(),
            Packs: PackListReader.Read(map, "packs", required: true));
    }

    public override IObservable<PackPoll> Polls(SimulatorSourceConfig source, SourceContext context) =>
        Observable.Using(
            () => SimulatedSource.Start(source, context.Scheduler),
            simulated =>
            {
                context.Log.Information("simulated {Device} on {Port:l}", source.Device, simulated.Host.DevicePath);
                return SourceKinds.For(simulated.SerialSource).Polls(simulated.SerialSource, context);
            });

    /// <summary>A simulator stands in for itself.</summary>
    public override SimulatorSourceConfig EquivalentSimulator(SimulatorSourceConfig source) => source;

    public override IEnumerable<(string Name, DeviceSettings Settings)> Devices(SimulatorSourceConfig source) =>
        source.Packs.Select(pack => (pack.Name, new DeviceSettings(source.PollInterval)));

    /// <summary>Its pty gets a new name every run; the first pack's name is stable.</summary>
    public override string? CaptureName(SimulatorSourceConfig source) => source.Packs[0].Name;

    public override IEnumerable<PackConfig> ModbusNames(SimulatorSourceConfig source) => source.Packs;
}
