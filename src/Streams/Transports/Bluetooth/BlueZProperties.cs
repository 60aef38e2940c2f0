using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth;

/// <summary>Typed reads of BlueZ properties; a missing property or one of another type is null (or empty).</summary>
internal static class BlueZProperties
{
    public static string? Text(IReadOnlyDictionary<string, VariantValue> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.String ? value.GetString() : null;

    public static string? ObjectPath(IReadOnlyDictionary<string, VariantValue> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.ObjectPath ? value.GetObjectPathAsString() : null;

    public static bool? Flag(IReadOnlyDictionary<string, VariantValue> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Bool ? value.GetBool() : null;

    /// <summary><c>Device1.RSSI</c> (n), in dBm.</summary>
    public static short? Rssi(IReadOnlyDictionary<string, VariantValue> properties) =>
        properties.TryGetValue("RSSI", out var value) && value.Type == VariantValueType.Int16 ? value.GetInt16() : null;

    public static IReadOnlyList<string> Strings(IReadOnlyDictionary<string, VariantValue> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Array && value.ItemType == VariantValueType.String
            ? value.GetArray<string>()
            : [];

    /// <summary><c>GattCharacteristic1.Value</c> (ay), as an owned copy.</summary>
    public static byte[]? Bytes(IReadOnlyDictionary<string, VariantValue> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Array && value.ItemType == VariantValueType.Byte
            ? [.. value.GetArray<byte>()]
            : null;
}
