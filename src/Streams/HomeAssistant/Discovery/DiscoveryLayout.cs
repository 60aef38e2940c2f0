namespace Streams.HomeAssistant.Discovery;

/// <summary>How a device's entities are announced (docs/home-assistant.md §1); the configuration's <c>mqtt.discovery</c>.</summary>
internal enum DiscoveryLayout
{
    /// <summary>One <c>&lt;prefix&gt;/device/&lt;node&gt;/config</c> per device with all its components (Home Assistant 2024.11 and later).</summary>
    Device,

    /// <summary>One <c>&lt;prefix&gt;/&lt;platform&gt;/&lt;node&gt;/&lt;key&gt;/config</c> per entity (every Home Assistant version).</summary>
    Entity,
}
