namespace Streams.HomeAssistant;

/// <summary>The bridge's own topics, all under <c>mqtt.base_topic</c> (never under the discovery prefix).</summary>
/// <param name="baseTopic">The root of every topic here.</param>
/// <param name="instance">This bridge among others that might share the base topic (its MQTT client id): names its discovery index.</param>
internal sealed class BridgeTopics(string baseTopic, string instance = BridgeTopics.DefaultInstance)
{
    /// <summary>The topic level of the bridge itself; no pack may be named like it.</summary>
    public const string BridgeLevel = "bridge";

    /// <summary>The instance name when none is given (the console, tests).</summary>
    public const string DefaultInstance = "streams";

    public string Base { get; } = baseTopic;

    /// <summary>The bridge's availability (its will): <c>online</c> / <c>offline</c>.</summary>
    public string BridgeAvailability => $"{Base}/{BridgeLevel}/availability";

    /// <summary>
    /// Retained JSON object of the discovery config topics this bridge instance has published (see
    /// <see cref="Discovery.DiscoveryLedger"/>): one per instance, so a second bridge on the same base
    /// topic never takes this one's devices for its own.
    /// </summary>
    public string DiscoveryIndex => $"{DiscoveryIndexes}/{TopicLevel(instance)}";

    /// <summary>Subscription filter for every instance's discovery index under the base topic.</summary>
    public string DiscoveryIndexFilter => $"{DiscoveryIndexes}/+";

    /// <summary>Where versions before per-instance indexes kept the one index of the base topic; read once, then cleared.</summary>
    public string LegacyDiscoveryIndex => DiscoveryIndexes;

    private string DiscoveryIndexes => $"{Base}/{BridgeLevel}/discovery";

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

    /// <summary>The instance of a discovery index topic (<see cref="DiscoveryIndexFilter"/>), or null for any other topic.</summary>
    public string? IndexInstance(string topic) =>
        topic.StartsWith(DiscoveryIndexes + "/", StringComparison.Ordinal) && topic.Length > DiscoveryIndexes.Length + 1
            && !topic.AsSpan(DiscoveryIndexes.Length + 1).Contains('/')
            ? topic[(DiscoveryIndexes.Length + 1)..]
            : null;

    /// <summary><paramref name="text"/> as one topic level: wildcards, separators and control characters become <c>_</c>.</summary>
    public static string TopicLevel(string text) =>
        text.Length == 0 ? "_" : string.Concat(text.Select(c => c is '/' or '+' or '#' || char.IsControl(c) ? '_' : c));
}
