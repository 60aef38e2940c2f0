using System.Text;

namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// Home Assistant ids and discovery topics. Every id starts with the base topic (sanitised), so two
/// bridges on one broker, which need different base topics anyway, never share an id; a pack's ids
/// come from its configured name, so they survive restarts and re-ordering.
/// </summary>
internal sealed class DiscoveryIds
{
    public DiscoveryIds(string discoveryPrefix, string baseTopic)
    {
        Prefix = discoveryPrefix;
        Namespace = Sanitize(baseTopic);
    }

    public string Prefix { get; }

    /// <summary>The base topic with every character outside <c>[a-zA-Z0-9_-]</c> replaced by <c>_</c>.</summary>
    public string Namespace { get; }

    /// <summary>The bridge device's identifier, the <c>via_device</c> of every pack.</summary>
    public string BridgeNode => $"{Namespace}_{BridgeTopics.BridgeLevel}";

    /// <summary>A device's node id: its <c>identifiers</c> entry and its level in discovery topics.</summary>
    public string Node(string device) => $"{Namespace}_{Sanitize(device)}";

    public string UniqueId(string node, string key) => $"{node}_{key}";

    /// <summary>The suggested entity id: lower case, <c>-</c> becomes <c>_</c> (entity ids allow neither upper case nor dashes).</summary>
    public static string DefaultEntityId(string platform, string node, string key) =>
        $"{platform}.{node}_{key}".ToLowerInvariant().Replace('-', '_');

    /// <summary><c>&lt;prefix&gt;/device/&lt;node&gt;/config</c>.</summary>
    public string DeviceConfigTopic(string node) => $"{Prefix}/device/{node}/config";

    /// <summary><c>&lt;prefix&gt;/&lt;platform&gt;/&lt;node&gt;/&lt;key&gt;/config</c>.</summary>
    public string EntityConfigTopic(string platform, string node, string key) => $"{Prefix}/{platform}/{node}/{key}/config";

    /// <summary>The node level of one of our config topics (either layout), or null when the topic is not a config topic under the prefix.</summary>
    public string? NodeOf(string configTopic)
    {
        var prefix = Prefix + "/";
        if (!configTopic.StartsWith(prefix, StringComparison.Ordinal) || !configTopic.EndsWith("/config", StringComparison.Ordinal))
        {
            return null;
        }

        var levels = configTopic[prefix.Length..^"/config".Length].Split('/');
        return levels switch
        {
            ["device", var node] => node,
            [_, var node, _] => node,
            _ => null,
        };
    }

    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
