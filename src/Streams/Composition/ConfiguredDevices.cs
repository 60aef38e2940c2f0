using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.HomeAssistant;

namespace Streams.Composition;

/// <summary>
/// The devices a configuration names, with what each source kind says Home Assistant needs of them,
/// and its banks: read-only, polled as often as their slowest pack.
/// </summary>
internal static class ConfiguredDevices
{
    public static IReadOnlyDictionary<string, DeviceSettings> From(StreamsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var devices = new Dictionary<string, DeviceSettings>(StringComparer.Ordinal);
        foreach (var source in config.Sources)
        {
            foreach (var (name, settings) in SourceKinds.For(source).Devices(source))
            {
                devices.TryAdd(name, settings);
            }
        }

        foreach (var bank in config.Banks)
        {
            devices.TryAdd(bank.Name, new DeviceSettings(bank.Packs.Max(pack => devices[pack].PollInterval)));
        }

        return devices;
    }
}
