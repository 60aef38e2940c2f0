using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// Writes discovery configs for one device in either layout (docs/home-assistant.md §1): device-based
/// (one <c>&lt;prefix&gt;/device/&lt;node&gt;/config</c> with <c>cmps</c>, shared <c>stat_t</c> and
/// availability at the root) or per-entity (one topic per component, each with everything).
/// Both carry the full <c>dev</c> and <c>o</c> blocks.
/// </summary>
internal sealed class DiscoveryPayloads(DiscoveryIds ids, HomeAssistantOptions options)
{
    /// <summary>°C and other non-ASCII text stay readable UTF-8; the payload is JSON either way.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="stateTopic">The device's JSON state, shared by all components; null when each component names its own.</param>
    /// <param name="availability">Topics combined with <c>avty_mode: all</c>; empty for none.</param>
    /// <param name="removed">Device-based only: components of an earlier config to remove, written as <c>{"p": platform}</c> stubs.</param>
    public IReadOnlyList<DiscoveryConfig> Build(
        DiscoveryLayout layout,
        DiscoveryDevice device,
        string? stateTopic,
        IReadOnlyList<string> availability,
        IReadOnlyList<DiscoveryComponent> components,
        IReadOnlyCollection<string>? removed = null)
    {
        if (layout == DiscoveryLayout.Device)
        {
            var topic = ids.DeviceConfigTopic(device.Node);
            var payload = Write(json =>
            {
                WriteShared(json, device, stateTopic, availability);
                json.WriteStartObject("cmps");
                foreach (var component in components)
                {
                    json.WriteStartObject(component.Key);
                    json.WriteString("p", component.Platform);
                    WriteOptions(json, component.Options);
                    json.WriteEndObject();
                }

                foreach (var stub in removed ?? [])
                {
                    var (platform, key) = SplitComponent(stub);
                    json.WriteStartObject(key);
                    json.WriteString("p", platform);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            });
            return [new DiscoveryConfig(topic, payload, components.Select(Name).ToArray())];
        }

        return components
            .Select(component => new DiscoveryConfig(
                ids.EntityConfigTopic(component.Platform, device.Node, component.Key),
                Write(json =>
                {
                    WriteOptions(json, component.Options);
                    WriteShared(json, device, stateTopic, availability);
                }),
                [Name(component)]))
            .ToArray();
    }

    /// <summary><c>platform/key</c>, as the discovery index stores a component.</summary>
    public static string Name(DiscoveryComponent component) => $"{component.Platform}/{component.Key}";

    public static (string Platform, string Key) SplitComponent(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return (name[..slash], name[(slash + 1)..]);
    }

    private void WriteShared(Utf8JsonWriter json, DiscoveryDevice device, string? stateTopic, IReadOnlyList<string> availability)
    {
        if (stateTopic is not null)
        {
            json.WriteString("stat_t", stateTopic);
        }

        if (availability.Count > 0)
        {
            json.WriteStartArray("avty");
            foreach (var topic in availability)
            {
                json.WriteStartObject();
                json.WriteString("t", topic);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("avty_mode", "all");
        }

        json.WriteStartObject("dev");
        json.WriteStartArray("ids");
        json.WriteStringValue(device.Node);
        json.WriteEndArray();
        json.WriteString("name", device.Name);
        WriteIfPresent(json, "mf", device.Manufacturer);
        WriteIfPresent(json, "mdl", device.Model);
        WriteIfPresent(json, "sw", device.Firmware);
        WriteIfPresent(json, "sn", device.Serial);
        WriteIfPresent(json, "via_device", device.ViaDevice);
        json.WriteEndObject();

        json.WriteStartObject("o");
        json.WriteString("name", options.OriginName);
        json.WriteString("sw", options.OriginVersion);
        WriteIfPresent(json, "url", options.SupportUrl);
        json.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object>> options)
    {
        foreach (var (key, value) in options)
        {
            switch (value)
            {
                case string text:
                    json.WriteString(key, text);
                    break;
                case int number:
                    json.WriteNumber(key, number);
                    break;
                case bool flag:
                    json.WriteBoolean(key, flag);
                    break;
                default:
                    throw new InvalidOperationException($"discovery option {key} has unsupported type {value.GetType().Name}");
            }
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(key, value);
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
