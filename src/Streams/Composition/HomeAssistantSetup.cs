using Streams.Config.Model;
using Streams.HomeAssistant;

namespace Streams.Composition;

/// <summary>Home Assistant's options from a loaded configuration.</summary>
internal static class HomeAssistantSetup
{
    /// <summary>Without an <c>mqtt:</c> section the console defaults apply.</summary>
    public static HomeAssistantOptions Options(StreamsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new HomeAssistantOptions
        {
            DiscoveryPrefix = config.Mqtt?.DiscoveryPrefix ?? "homeassistant",
            BaseTopic = config.Mqtt?.BaseTopic ?? "streams",
            Mode = config.Mqtt?.Discovery ?? DiscoveryMode.Device,
            Devices = ConfiguredDevices.From(config),
        };
    }
}
