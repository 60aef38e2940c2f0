using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.HomeAssistant;

namespace Streams.Composition;

/// <summary>The devices a configuration names, with what each source kind says Home Assistant needs of them.</summary>
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

        return devices;
    }
}
