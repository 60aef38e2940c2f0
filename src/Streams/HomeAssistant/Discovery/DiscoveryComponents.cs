using Streams.Core;

namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// Turns catalogue fields into entities (docs/home-assistant.md §6, §8, §9): numeric sensors keep
/// the catalogue's class/unit/precision, text is a sensor without state class, problem bits are
/// <c>problem</c> binary sensors, flags are binary sensors, and a flag the device declares as one of
/// its switches (<see cref="DeviceSettings.Switches"/>) becomes a switch. Every entity reads the
/// device's JSON state through a template.
/// </summary>
internal static class DiscoveryComponents
{
    /// <summary>Binary sensor classes Home Assistant knows and that fit a BMS state; <c>battery</c> (= battery low) is deliberately absent.</summary>
    private static readonly HashSet<string> FlagClasses = new(StringComparer.Ordinal) { "battery_charging", "running", "power", "heat", "problem", "connectivity" };

    public static IReadOnlyList<DiscoveryComponent> ForFields(
        IEnumerable<FieldSpec> fields,
        string device,
        string node,
        DeviceSettings settings,
        BridgeTopics topics)
    {
        var components = new List<DiscoveryComponent>();
        foreach (var field in fields)
        {
            components.Add(field.Kind == FieldKind.Flag && settings.Switch(field.Key) is { } offered
                ? Switch(field, offered, node, topics.Command(device, field.Key))
                : Entity(field, node, settings.ExpireAfterSeconds));
        }

        return components;
    }

    public static string ValueTemplate(string key) => $"{{{{ value_json.{key} }}}}";

    private static DiscoveryComponent Entity(FieldSpec field, string node, int expireAfter)
    {
        var platform = field.Kind is FieldKind.Problem or FieldKind.Flag ? "binary_sensor" : "sensor";
        var options = Identity(platform, field.Name, field, node);
        switch (field.Kind)
        {
            case FieldKind.Sensor:
                Add(options, "dev_cla", field.DeviceClass);
                Add(options, "stat_cla", field.StateClass);
                Add(options, "unit_of_meas", field.Unit);
                Add(options, "sug_dsp_prc", field.Precision);
                break;
            case FieldKind.Problem:
                options.Add(new("dev_cla", "problem"));
                break;
            case FieldKind.Flag:
                Add(options, "dev_cla", field.DeviceClass is { } cls && FlagClasses.Contains(cls) ? cls : null);
                break;
            case FieldKind.Text:
                break;
        }

        options.Add(new("exp_aft", expireAfter));
        Common(options, field);
        return new DiscoveryComponent(platform, field.Key, options);
    }

    /// <summary>Not optimistic (it has a state), QoS 1 for Home Assistant's command publishes, never retained commands.</summary>
    private static DiscoveryComponent Switch(FieldSpec field, SwitchSpec offered, string node, string commandTopic)
    {
        var options = Identity("switch", offered.Name, field, node);
        options.Add(new("cmd_t", commandTopic));
        options.Add(new("qos", 1));
        options.Add(new("ret", false));
        Common(options, field);
        return new DiscoveryComponent("switch", field.Key, options);
    }

    private static List<KeyValuePair<string, object>> Identity(string platform, string name, FieldSpec field, string node) =>
    [
        new("name", name),
        new("uniq_id", $"{node}_{field.Key}"),
        new("default_entity_id", DiscoveryIds.DefaultEntityId(platform, node, field.Key)),
        new("val_tpl", ValueTemplate(field.Key)),
    ];

    private static void Common(List<KeyValuePair<string, object>> options, FieldSpec field)
    {
        if (field.Diagnostic)
        {
            options.Add(new("ent_cat", "diagnostic"));
        }

        if (!field.EnabledByDefault)
        {
            options.Add(new("en", false));
        }
    }

    private static void Add(List<KeyValuePair<string, object>> options, string key, object? value)
    {
        if (value is not null)
        {
            options.Add(new(key, value));
        }
    }
}
