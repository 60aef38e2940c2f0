using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// The mechanical checks of docs/home-assistant.md (the 17-rule table and §12), applied to a set of
/// retained discovery configs and states as Home Assistant would see them. Each method returns the
/// violations of one rule (empty = the rule holds). Device-based configs are expanded into their
/// components with the shared root options, so both layouts are checked the same way.
/// </summary>
internal sealed partial class HomeAssistantRuleBook
{
    private static readonly HashSet<string> Platforms = ["sensor", "binary_sensor", "switch", "button", "number", "select"];

    /// <summary>HA core DEVICE_CLASS_UNITS / DEVICE_CLASS_STATE_CLASSES for the classes a BMS uses (§6).</summary>
    private static readonly Dictionary<string, (string[] Units, string[] StateClasses)> SensorClasses = new()
    {
        ["voltage"] = (["V", "mV", "µV", "kV", "MV"], ["measurement"]),
        ["current"] = (["A", "mA", "µA"], ["measurement"]),
        ["power"] = (["W", "kW", "mW", "MW", "GW", "TW"], ["measurement"]),
        ["energy"] = (["Wh", "kWh", "MWh", "GWh", "J", "kJ", "MJ", "GJ"], ["total", "total_increasing"]),
        ["energy_storage"] = (["Wh", "kWh", "MWh", "GWh", "J", "kJ", "MJ", "GJ"], ["measurement"]),
        ["battery"] = (["%"], ["measurement"]),
        ["temperature"] = (["°C", "°F", "K"], ["measurement"]),
        ["duration"] = (["s", "min", "h", "d", "ms", "µs"], ["measurement", "total", "total_increasing"]),
    };

    private static readonly HashSet<string> BinaryClasses = ["battery_charging", "problem", "running", "power", "connectivity", "heat"];

    private readonly string _prefix;
    private readonly string _baseTopic;
    private readonly string _bridgeAvailability;

    public HomeAssistantRuleBook(string prefix, string baseTopic, IReadOnlyDictionary<string, string> retained)
    {
        _prefix = prefix;
        _baseTopic = baseTopic;
        _bridgeAvailability = $"{baseTopic}/bridge/availability";
        Retained = retained;
        Configs = retained.Where(r => r.Key.StartsWith(prefix + "/", StringComparison.Ordinal) && r.Key.EndsWith("/config", StringComparison.Ordinal))
            .ToDictionary(r => r.Key, r => r.Value);
        Entities = [.. Configs.SelectMany(c => Expand(c.Key, c.Value))];
    }

    /// <summary>Every retained topic and payload (configs, availability, states).</summary>
    public IReadOnlyDictionary<string, string> Retained { get; }

    public IReadOnlyDictionary<string, string> Configs { get; }

    /// <summary>One entry per entity: its config topic, platform, and the effective options.</summary>
    public IReadOnlyList<Entity> Entities { get; }

    public sealed record Entity(string Topic, string Platform, string Key, JsonObject Options)
    {
        public string? Text(string name) => Options[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        public override string ToString() => $"{Platform}/{Key} ({Topic})";
    }

    /// <summary>Rule 1: topic grammar and id characters.</summary>
    public IEnumerable<string> Rule01TopicLayout() =>
        Configs.Keys.Where(topic => !TopicPattern().IsMatch(topic[(_prefix.Length + 1)..]) || !Platforms.Contains(PlatformOf(topic)))
            .Select(topic => $"bad config topic {topic}");

    /// <summary>Rule 2: one UTF-8 JSON object per config.</summary>
    public IEnumerable<string> Rule02JsonObject()
    {
        foreach (var (topic, payload) in Configs)
        {
            JsonNode? node = null;
            try
            {
                node = JsonNode.Parse(payload);
            }
            catch (JsonException)
            {
            }

            if (node is not JsonObject)
            {
                yield return $"{topic}: not a JSON object";
            }
        }
    }

    /// <summary>Rule 3: a stable, globally unique unique_id on every entity.</summary>
    public IEnumerable<string> Rule03UniqueIds()
    {
        foreach (var entity in Entities.Where(e => e.Text("uniq_id") is null && e.Text("unique_id") is null))
        {
            yield return $"{entity}: no unique_id";
        }

        foreach (var duplicate in Entities.GroupBy(e => (e.Platform, e.Text("uniq_id"))).Where(g => g.Count() > 1))
        {
            yield return $"duplicate unique_id {duplicate.Key}";
        }
    }

    /// <summary>Rule 4: device block with identifiers, and a device name on at least one entity per device.</summary>
    public IEnumerable<string> Rule04DeviceBlock()
    {
        foreach (var entity in Entities.Where(e => DeviceIds(e).Count == 0))
        {
            yield return $"{entity}: device block without identifiers";
        }

        foreach (var device in Entities.GroupBy(e => string.Join(",", DeviceIds(e))))
        {
            if (!device.Any(e => e.Options["dev"]?["name"] is JsonValue))
            {
                yield return $"device {device.Key}: no entity gives the device a name";
            }
        }
    }

    /// <summary>Rule 5: origin block with name and software version.</summary>
    public IEnumerable<string> Rule05Origin() =>
        Entities.Where(e => e.Options["o"]?["name"] is not JsonValue || e.Options["o"]?["sw"] is not JsonValue)
            .Select(e => $"{e}: origin without name and sw");

    /// <summary>Rule 6: availability names the bridge LWT topic (list or single, never both); availability is retained and set.</summary>
    public IEnumerable<string> Rule06Availability()
    {
        foreach (var entity in Entities.Where(e => !IsBridgeConnectivity(e)))
        {
            var list = entity.Options["avty"] as JsonArray;
            var single = entity.Text("avty_t");
            if (list is not null && single is not null)
            {
                yield return $"{entity}: both avty and avty_t";
            }

            var topics = list?.Select(a => a?["t"]?.GetValue<string>()).ToList() ?? (single is null ? [] : [single]);
            if (!topics.Contains(_bridgeAvailability))
            {
                yield return $"{entity}: availability does not include {_bridgeAvailability}";
            }

            if (topics.Count > 1 && entity.Text("avty_mode") != "all")
            {
                yield return $"{entity}: several availability topics without avty_mode all";
            }

            foreach (var topic in topics.Where(t => t is not null && !Retained.ContainsKey(t)))
            {
                yield return $"{entity}: availability topic {topic} has no retained value";
            }
        }
    }

    /// <summary>Rule 8: sensor device_class / state_class / unit combinations of HA's table.</summary>
    public IEnumerable<string> Rule08SensorClasses()
    {
        foreach (var entity in Entities.Where(e => e.Platform == "sensor"))
        {
            var deviceClass = entity.Text("dev_cla");
            var stateClass = entity.Text("stat_cla");
            var unit = entity.Text("unit_of_meas");
            if (deviceClass is null)
            {
                continue;
            }

            if (!SensorClasses.TryGetValue(deviceClass, out var allowed))
            {
                yield return $"{entity}: unknown sensor device_class {deviceClass}";
                continue;
            }

            if (unit is null || !allowed.Units.Contains(unit))
            {
                yield return $"{entity}: unit {unit ?? "(none)"} is not valid for {deviceClass}";
            }

            if (stateClass is not null && !allowed.StateClasses.Contains(stateClass))
            {
                yield return $"{entity}: state_class {stateClass} is impossible for {deviceClass}";
            }
        }

        foreach (var entity in Entities.Where(e => e.Platform == "binary_sensor" && e.Text("dev_cla") is { } c && !BinaryClasses.Contains(c)))
        {
            yield return $"{entity}: binary_sensor device_class {entity.Text("dev_cla")} unexpected";
        }
    }

    /// <summary>Rule 9: switches have a command topic and a state topic, are not optimistic, and never retain commands.</summary>
    public IEnumerable<string> Rule09Switches()
    {
        foreach (var entity in Entities.Where(e => e.Platform == "switch"))
        {
            if (entity.Text("cmd_t") is null)
            {
                yield return $"{entity}: no command topic";
            }

            if (entity.Text("stat_t") is null)
            {
                yield return $"{entity}: no state topic (optimistic)";
            }

            if (entity.Options["ret"] is JsonValue r && r.GetValue<bool>())
            {
                yield return $"{entity}: retain true";
            }

            if (entity.Options["opt"] is JsonValue o && o.GetValue<bool>())
            {
                yield return $"{entity}: optimistic";
            }
        }
    }

    /// <summary>Rule 11: expire_after on every sensor and binary_sensor that reads a device state.</summary>
    public IEnumerable<string> Rule11ExpireAfter() =>
        Entities.Where(e => e.Platform is "sensor" or "binary_sensor" && !IsBridgeConnectivity(e))
            .Where(e => e.Options["exp_aft"] is not JsonValue v || v.GetValue<int>() <= 0)
            .Select(e => $"{e}: no positive expire_after");

    /// <summary>
    /// Rule 12: raw registers, single problem bits and counters are diagnostics; registers and single
    /// bits are disabled by default; cell voltages (this project's choice, as its peers do) are enabled.
    /// </summary>
    public IEnumerable<string> Rule12Diagnostics()
    {
        foreach (var entity in Entities.Where(e => e.Key.StartsWith("register_", StringComparison.Ordinal) || e.Key == "cycles" || IsProblemBit(e)))
        {
            if (entity.Text("ent_cat") != "diagnostic")
            {
                yield return $"{entity}: should be diagnostic";
            }

            if (entity.Key != "cycles" && !(entity.Options["en"] is JsonValue en && !en.GetValue<bool>()))
            {
                yield return $"{entity}: noisy diagnostic enabled by default";
            }
        }

        // Cells are what people open a BMS dashboard for: enabled, on the default dashboard. A bank
        // master's are the exception: no capture confirms its cell registers (docs/protocols.md §2),
        // and an uncertain field starts disabled.
        foreach (var entity in Entities.Where(e => IsCell(e.Key) && (e.Options["en"] is JsonValue en && !en.GetValue<bool>()) && !IsBankMaster(e)))
        {
            yield return $"{entity}: cell voltage disabled by default";
        }
    }

    private static bool IsBankMaster(Entity entity) =>
        entity.Options["dev"]?["mdl"] is JsonValue model && model.GetValue<string>().EndsWith("bank master", StringComparison.Ordinal);

    /// <summary>Rule 13: numeric sensors with a unit suggest a non-negative display precision.</summary>
    public IEnumerable<string> Rule13DisplayPrecision() =>
        Entities.Where(e => e.Platform == "sensor" && e.Text("unit_of_meas") is not null)
            .Where(e => e.Options["sug_dsp_prc"] is not JsonValue v || v.GetValue<int>() < 0)
            .Select(e => $"{e}: no suggested_display_precision");

    /// <summary>Rule 14: state and command topics under the bridge's base topic, not under the discovery prefix.</summary>
    public IEnumerable<string> Rule14OwnTopics()
    {
        foreach (var entity in Entities)
        {
            foreach (var key in new[] { "stat_t", "cmd_t" })
            {
                if (entity.Text(key) is { } topic && (!topic.StartsWith(_baseTopic + "/", StringComparison.Ordinal) || topic.StartsWith(_prefix + "/", StringComparison.Ordinal)))
                {
                    yield return $"{entity}: {key} {topic} is not under {_baseTopic}/";
                }
            }
        }
    }

    /// <summary>Rule 15: default_entity_id, never the deprecated object_id.</summary>
    public IEnumerable<string> Rule15DefaultEntityId()
    {
        foreach (var entity in Entities)
        {
            if (entity.Options.ContainsKey("obj_id") || entity.Options.ContainsKey("object_id"))
            {
                yield return $"{entity}: deprecated object_id";
            }

            if (entity.Text("default_entity_id") is not { } id || !id.StartsWith(entity.Platform + ".", StringComparison.Ordinal) || !EntityIdPattern().IsMatch(id))
            {
                yield return $"{entity}: no valid default_entity_id";
            }
        }
    }

    /// <summary>Rule 16: no device name in entity names, no force_update, no json_attributes, no binary_sensor battery, no config category on sensors.</summary>
    public IEnumerable<string> Rule16Avoid()
    {
        foreach (var entity in Entities)
        {
            var deviceName = entity.Options["dev"]?["name"]?.GetValue<string>();
            if (deviceName is not null && entity.Text("name") is { } name && name.Contains(deviceName, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{entity}: name repeats the device name";
            }

            if (entity.Options.ContainsKey("frc_upd") || entity.Options.ContainsKey("force_update"))
            {
                yield return $"{entity}: force_update";
            }

            if (entity.Options.Any(o => o.Key.StartsWith("json_attr", StringComparison.Ordinal)))
            {
                yield return $"{entity}: json_attributes";
            }

            if (entity.Platform == "binary_sensor" && entity.Text("dev_cla") == "battery")
            {
                yield return $"{entity}: binary_sensor class battery (means battery low)";
            }

            if (entity.Platform == "sensor" && entity.Text("ent_cat") == "config")
            {
                yield return $"{entity}: sensor with entity_category config";
            }
        }
    }

    /// <summary>Rule 17: via_device is never the device's own identifier and always names a discovered device.</summary>
    public IEnumerable<string> Rule17ViaDevice()
    {
        var discovered = Entities.SelectMany(DeviceIds).ToHashSet();
        foreach (var entity in Entities)
        {
            if (entity.Options["dev"]?["via_device"]?.GetValue<string>() is not { } via)
            {
                continue;
            }

            if (DeviceIds(entity).Contains(via))
            {
                yield return $"{entity}: via_device is its own identifier";
            }

            if (!discovered.Contains(via))
            {
                yield return $"{entity}: via_device {via} is not a discovered device";
            }
        }
    }

    /// <summary>§12: every value template key exists in the retained JSON state of its state topic.</summary>
    public IEnumerable<string> TemplateKeysInState()
    {
        foreach (var entity in Entities)
        {
            if (entity.Text("val_tpl") is not { } template || entity.Text("stat_t") is not { } stateTopic)
            {
                continue;
            }

            var key = TemplateKey().Match(template);
            if (!key.Success)
            {
                yield return $"{entity}: unexpected template {template}";
                continue;
            }

            if (!Retained.TryGetValue(stateTopic, out var state))
            {
                yield return $"{entity}: no retained state on {stateTopic}";
                continue;
            }

            if (JsonNode.Parse(state) is not JsonObject json || !json.ContainsKey(key.Groups[1].Value))
            {
                yield return $"{entity}: key {key.Groups[1].Value} missing from {stateTopic}";
            }
        }
    }

    public bool IsBridgeConnectivity(Entity entity) => entity.Text("stat_t") == _bridgeAvailability;

    private static bool IsCell(string key) => CellPattern().IsMatch(key);

    private static bool IsProblemBit(Entity entity) => entity.Platform == "binary_sensor" && entity.Text("dev_cla") == "problem" && entity.Key != "problem";

    private static List<string> DeviceIds(Entity entity) =>
        entity.Options["dev"]?["ids"] is JsonArray ids ? [.. ids.Select(i => i!.GetValue<string>())] : [];

    private string PlatformOf(string topic)
    {
        var levels = topic[(_prefix.Length + 1)..].Split('/');
        return levels[0] == "device" ? "sensor" : levels[0];
    }

    private IEnumerable<Entity> Expand(string topic, string payload)
    {
        if (JsonNode.Parse(payload) is not JsonObject root)
        {
            yield break;
        }

        if (root["cmps"] is JsonObject components)
        {
            foreach (var (key, node) in components)
            {
                var merged = new JsonObject();
                foreach (var (name, value) in root.Where(r => r.Key != "cmps"))
                {
                    merged[name] = value?.DeepClone();
                }

                foreach (var (name, value) in (JsonObject)node!)
                {
                    merged[name] = value?.DeepClone();
                }

                yield return new Entity(topic, merged["p"]!.GetValue<string>(), key, merged);
            }
        }
        else
        {
            var levels = topic[(_prefix.Length + 1)..].Split('/');
            yield return new Entity(topic, levels[0], levels[^2], root);
        }
    }

    [GeneratedRegex(@"^(device/[A-Za-z0-9_-]+|[a-z_]+/(?:[A-Za-z0-9_-]+/)?[A-Za-z0-9_-]+)/config$")]
    private static partial Regex TopicPattern();

    [GeneratedRegex(@"^[a-z_]+\.[a-z0-9_]+$")]
    private static partial Regex EntityIdPattern();

    [GeneratedRegex(@"^\{\{ value_json\.([a-z0-9_]+) \}\}$")]
    private static partial Regex TemplateKey();

    [GeneratedRegex(@"^cell_\d\d_voltage$")]
    private static partial Regex CellPattern();
}
