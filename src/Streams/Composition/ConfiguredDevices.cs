using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.HomeAssistant;

namespace Streams.Composition;

/// <summary>The devices a configuration names, with the poll interval of their source and the switches they offer.</summary>
internal static class ConfiguredDevices
{
    /// <summary>What a JBD BMS polled over BLE with <c>allow_control: true</c> lets Home Assistant switch.</summary>
    private static readonly IReadOnlyList<SwitchSpec> JbdMosfetSwitches =
    [
        new(JbdFields.ChargeMosfet.Key, JbdFields.ChargeMosfet.Name),
        new(JbdFields.DischargeMosfet.Key, JbdFields.DischargeMosfet.Name),
    ];

    public static IReadOnlyDictionary<string, DeviceSettings> From(StreamsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var devices = new Dictionary<string, DeviceSettings>(StringComparer.Ordinal);
        foreach (var source in config.Sources)
        {
            foreach (var (name, settings) in Of(source))
            {
                devices.TryAdd(name, settings);
            }
        }

        return devices;
    }

    private static IEnumerable<(string Name, DeviceSettings Settings)> Of(SourceConfig source) => source switch
    {
        Eg4ModbusSourceConfig s => s.Packs.Select(p => (p.Name, new DeviceSettings(s.PollInterval))),
        Eg4LegacySourceConfig s => s.Packs.Select(p => (p.Name, new DeviceSettings(s.PollInterval))),
        SimulatorSourceConfig s => s.Packs.Select(p => (p.Name, new DeviceSettings(s.PollInterval))),

        // A sniffer follows someone else's polling: its period is unknown.
        SnifferSourceConfig s => s.Packs.Select(p => (p.Name, new DeviceSettings(HomeAssistantOptions.DefaultPollInterval))),
        JbdSerialSourceConfig s => [(s.Name, new DeviceSettings(s.PollInterval))],
        JbdBleSourceConfig s => [(s.Name, new DeviceSettings(s.PollInterval) { Switches = s.AllowControl ? JbdMosfetSwitches : [] })],
        _ => [],
    };
}
