namespace Streams.HomeAssistant;

/// <summary>The bridge's own topics, all under <c>mqtt.base_topic</c> (never under the discovery prefix).</summary>
internal sealed class BridgeTopics(string baseTopic)
{
    /// <summary>The topic level of the bridge itself; no pack may be named like it.</summary>
    public const string BridgeLevel = "bridge";

    public string Base { get; } = baseTopic;

    /// <summary>The bridge's availability (its will): <c>online</c> / <c>offline</c>.</summary>
    public string BridgeAvailability => $"{Base}/{BridgeLevel}/availability";

    /// <summary>Retained JSON object of the discovery config topics this bridge has published (see <see cref="Discovery.DiscoveryLedger"/>).</summary>
    public string DiscoveryIndex => $"{Base}/{BridgeLevel}/discovery";

    /// <summary>One retained JSON state document per device.</summary>
    public string State(string device) => $"{Base}/{device}/state";

    /// <summary>Per-device <c>online</c> / <c>offline</c>.</summary>
    public string Availability(string device) => $"{Base}/{device}/availability";

    /// <summary>Where Home Assistant sends <c>ON</c>/<c>OFF</c> for switch <paramref name="key"/> of <paramref name="device"/>.</summary>
    public string Command(string device, string key) => $"{Base}/{device}/{key}/set";

    /// <summary>Subscription filter for every command topic.</summary>
    public string CommandFilter => $"{Base}/+/+/set";

    /// <summary>The device and switch key of a command topic, or null for any other topic.</summary>
    public (string Device, string Key)? ParseCommand(string topic)
    {
        var prefix = Base + "/";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal) || !topic.EndsWith("/set", StringComparison.Ordinal))
        {
            return null;
        }

        var middle = topic[prefix.Length..^"/set".Length].Split('/');
        return middle is [{ Length: > 0 } device, { Length: > 0 } key] ? (device, key) : null;
    }
}
