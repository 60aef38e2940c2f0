using Streams.Config.Model;
using Streams.HomeAssistant;

namespace Streams.Composition;

/// <summary>The devices a configuration names, with the poll interval and control permission of their source.</summary>
public static class ConfiguredDevices
{
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
        JbdBleSourceConfig s => [(s.Name, new DeviceSettings(s.PollInterval, s.AllowControl))],
        _ => [],
    };
}
