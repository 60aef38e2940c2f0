using System.Globalization;
using System.Text.Json;

namespace Streams.Tools;

/// <summary>
/// What the Python bridge this project started from (<c>eg4-battery</c>) left in Home Assistant: one
/// retained per-value discovery config per pack and reading key, always under the <c>sensor</c>
/// platform, <c>&lt;prefix&gt;/sensor/&lt;pack&gt;_&lt;key&gt;/config</c> with <c>unique_id</c>
/// <c>&lt;pack&gt;_&lt;key&gt;_eg4</c>. The keys are those of its three modes' decoders.
/// </summary>
internal static class PythonBridgeTopics
{
    /// <summary>Its warning bits (register 33), in bit order.</summary>
    private static readonly string[] WarningBits =
    [
        "pack_ov", "cell_ov", "pack_uv", "cell_uv", "charge_oc", "discharge_oc", "temp_anomaly", "mos_ot",
        "charge_ot", "discharge_ot", "charge_ut", "discharge_ut", "low_capacity", "other_error",
    ];

    /// <summary>Its protection bits (register 34), in bit order.</summary>
    private static readonly string[] ProtectionBits =
    [
        "pack_ov", "cell_ov", "pack_uv", "cell_uv", "charge_oc", "discharge_oc", "temp_anomaly", "mos_ot",
        "charge_ot", "discharge_ot", "charge_ut", "discharge_ut", "float_stopped", "discharge_sc",
    ];

    /// <summary>Every key any of its modes published for a pack.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. ModbusPerPackKeys().Concat(ActiveKeys()).Concat(PassiveKeys()).Distinct(StringComparer.Ordinal)];

    /// <summary><c>&lt;prefix&gt;/sensor/&lt;pack&gt;_&lt;key&gt;/config</c>.</summary>
    public static string ConfigTopic(string prefix, string pack, string key) => $"{prefix}/sensor/{pack}_{key}/config";

    /// <summary>Its <c>unique_id</c>: how a retained config is known to be its own, not another program's.</summary>
    public static string UniqueId(string pack, string key) => $"{pack}_{key}_eg4";

    /// <summary>The topic of every config it may have left for <paramref name="pack"/>, with the unique id that proves it.</summary>
    public static IEnumerable<(string Topic, string UniqueId)> For(string prefix, string pack) =>
        Keys.Select(key => (ConfigTopic(prefix, pack, key), UniqueId(pack, key)));

    /// <summary>True when <paramref name="payload"/> is a JSON object whose <c>unique_id</c> is <paramref name="uniqueId"/>.</summary>
    public static bool IsItsConfig(string payload, string uniqueId)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("unique_id", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.GetString() == uniqueId;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary><c>decode_eg4_modbus_regs</c>: the 47 raw registers and the named fields.</summary>
    private static IEnumerable<string> ModbusPerPackKeys() =>
    [
        .. Registers(47),
        "pack_voltage", "pack_current", .. Cells(16), .. CellStatistics(),
        "temperature_01", "temperature_02", "temperature_03", "temperature_04", "temperature_pcb",
        "soc", "soh", "heater", "max_current_limit",
        .. WarningBits.Select(bit => $"warning_{bit}"), .. ProtectionBits.Select(bit => $"protection_{bit}"),
        "error_code", "cell_count", "capacity_ah", "remaining_ah", "cycle_count", "battery_mode",
        "bms_version_hi", "bms_version_lo", "uptime_ds",
    ];

    /// <summary><c>decode_eg4_general_status</c> (the 7E protocol): up to 32 cells (its <c>cell_count</c>) and 6 temperatures.</summary>
    private static IEnumerable<string> ActiveKeys() =>
    [
        .. Cells(32), .. CellStatistics(), "current", "soc", "capacity_ah",
        .. Enumerable.Range(1, 6).Select(n => string.Create(CultureInfo.InvariantCulture, $"temperature_{n}")),
        "alarm_current_over", "alarm_voltage_high", "alarm_voltage_low", "alarm_temp_high_chg", "alarm_temp_low_chg",
        "cycle_count", "pack_voltage",
    ];

    /// <summary><c>decode_modbus_response</c> (the sniffer): one raw key per register of a response, at most 125.</summary>
    private static IEnumerable<string> PassiveKeys() => Registers(125);

    private static IEnumerable<string> Registers(int count) =>
        Enumerable.Range(0, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"register_{n:D2}"));

    private static IEnumerable<string> Cells(int count) =>
        Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"cell_{n:D2}_voltage"));

    private static IEnumerable<string> CellStatistics() =>
        ["cell_voltage_min", "cell_voltage_max", "cell_voltage_delta_mv", "cell_lowest", "cell_highest"];
}
