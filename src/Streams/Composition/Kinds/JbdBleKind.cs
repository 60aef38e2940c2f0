using System.Reactive.Linq;
using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.Devices.Jbd.Ble;
using Streams.HomeAssistant;
using SwitchCommand = Streams.Core.SwitchCommand;

namespace Streams.Composition.Kinds;

/// <summary><c>kind: jbd-ble</c>: one JBD BMS over Bluetooth LE through BlueZ, optionally with MOSFET switches.</summary>
internal sealed class JbdBleKind : SourceKind<JbdBleSourceConfig>
{
    public override string Kind => JbdBleSourceConfig.KindName;

    public override JbdBleSourceConfig Read(MappingReader map)
    {
        var mac = NameRules.BleAddress(map, "mac");
        var name = NameRules.PackName(map);
        var adapter = map.NonEmptyString("adapter") ?? "hci0";
        NameRules.RequireAdapterName(map, "adapter", adapter, map.Find("adapter"));
        var password = map.NonEmptyString("password");
        return new JbdBleSourceConfig(
            Mac: mac,
            Name: name,
            Adapter: adapter,
            Password: password is null ? null : new Secret(password),
            AllowControl: map.Boolean("allow_control", fallback: false),
            Timeout: map.Timeout(Limits.DefaultBleTimeout),
            PollInterval: map.PollInterval());
    }

    /// <summary>The BlueZ link lives as long as the subscription; commands reach the poller only when control is allowed.</summary>
    public override IObservable<PackPoll> Polls(JbdBleSourceConfig source, SourceContext context) =>
        Observable.Using(
            () => context.BleLink(source.Adapter, source.Mac, JbdGattProfile.Profile),
            link => JbdBlePoller.Polls(
                link,
                Options(source),
                source.AllowControl ? context.Commands : Observable.Never<SwitchCommand>(),
                context.Scheduler,
                context.Poller));

    public static JbdBleOptions Options(JbdBleSourceConfig source) =>
        new(source.Name, source.Mac, source.Password, source.AllowControl, source.Timeout, source.PollInterval);

    public override SimulatorSourceConfig EquivalentSimulator(JbdBleSourceConfig source) => JbdSerialKind.Equivalent(source.Name, source.PollInterval);

    public override IEnumerable<(string Name, DeviceSettings Settings)> Devices(JbdBleSourceConfig source) =>
        [(source.Name, new DeviceSettings(source.PollInterval, source.AllowControl ? JbdSwitches.All : []))];
}
