using System.Reactive.Linq;
using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus.Sniffing;
using Streams.HomeAssistant;
using Streams.Polling.Bus;
using Streams.Transports.Capture;
using Streams.Transports.Serial;

namespace Streams.Composition.Kinds;

/// <summary>
/// <c>kind: sniffer</c>: listen-only Modbus RTU on a bus someone else polls. The slaves it hears are
/// claimed by the EG4-LL register map (<see cref="Eg4LlSniffedRegisters"/>), the only one the
/// sniffer knows today; each decoded reading counts as a successful poll, so health covers it too.
/// </summary>
internal sealed class SnifferKind : SourceKind<SnifferSourceConfig>
{
    /// <summary>The register map that claims sniffed slaves.</summary>
    public static ISniffedRegisterMap Map { get; } = new Eg4LlSniffedRegisters();

    public override string Kind => SnifferSourceConfig.KindName;

    public override SnifferSourceConfig Read(MappingReader map) => new(
        Port: NameRules.SerialPort(map),
        Baud: map.Baud(),
        CapturePath: map.FilePath("capture"),
        Packs: PackListReader.Read(map, "packs", required: false));

    public override IObservable<PackPoll> Polls(SnifferSourceConfig source, SourceContext context)
    {
        var link = context.SerialLink(source.Port, source.Baud);
        var naming = SnifferNames.Of(source.Packs);
        var capture = source.CapturePath ?? context.CapturePath;
        return Observable.Defer(() =>
        {
            var statusLog = new LinkStatusLog(context.Log, source.Port);
            var chunks = link.Do(statusLog.Write).ReceivedWhileConnected();
            if (capture is not null)
            {
                chunks = chunks.Capture(capture, onWriteFailure: failure =>
                    context.Log.Warning("port {Port:l}: capture stopped: {Reason:l}", source.Port, failure.Message));
            }

            var options = new SnifferOptions(naming, Map, context.Log) { TraceAs = context.Trace ? source.Port : null };
            return chunks.SniffReadings(options, context.Scheduler).Select(PackPoll.Success);
        });
    }

    /// <summary>EG4-LL packs at the named addresses (address 1 with the automatic name when it names none), polled instead of overheard.</summary>
    public override SimulatorSourceConfig EquivalentSimulator(SnifferSourceConfig source) => new(
        Eg4ModbusKind.Slave,
        Limits.DefaultPollInterval,
        Limits.DefaultRegisterCount,
        Limits.DefaultCellCount,
        source.Packs.Count > 0 ? source.Packs : [new PackConfig(SnifferNaming.AutoName(1), 1)]);

    /// <summary>A sniffer follows someone else's polling: its period is unknown.</summary>
    public override IEnumerable<(string Name, DeviceSettings Settings)> Devices(SnifferSourceConfig source) =>
        source.Packs.Select(pack => (pack.Name, new DeviceSettings(HomeAssistantOptions.DefaultPollInterval)));

    public override string? CaptureName(SnifferSourceConfig source) => source.Port;

    public override IEnumerable<PackConfig> ModbusNames(SnifferSourceConfig source) => source.Packs;
}
