namespace Streams.Config;

/// <summary>How Home Assistant discovery configs are published.</summary>
public enum DiscoveryMode
{
    /// <summary><c>entity</c>: one config topic per entity; works with every Home Assistant version.</summary>
    Entity,

    /// <summary><c>device</c>: one config topic per device (Home Assistant 2024.11 or later); far fewer messages.</summary>
    Device,
}
