namespace Streams.HomeAssistant;

/// <summary>The bridge's own topics, all under <c>mqtt.base_topic</c>.</summary>
public sealed class BridgeTopics(string baseTopic)
{
    public string Base { get; } = baseTopic;

    /// <summary>The bridge's availability (its will): <c>online</c> / <c>offline</c>.</summary>
    public string BridgeAvailability => $"{Base}/bridge/availability";

    /// <summary>One retained JSON state document per device.</summary>
    public string State(string device) => $"{Base}/{device}/state";

    /// <summary>Per-device <c>online</c> / <c>offline</c>.</summary>
    public string Availability(string device) => $"{Base}/{device}/availability";
}
