namespace Streams.Config.Model;

/// <summary>How Home Assistant discovery configs are published.</summary>
public enum DiscoveryMode
{
    /// <summary><c>device</c> (the default): one config message per device listing all its entities; far fewer messages.</summary>
    Device,

    /// <summary><c>entity</c>: one config topic per entity, for Home Assistant older than 2024.11 (which lacks device-based discovery).</summary>
    Entity,
}
