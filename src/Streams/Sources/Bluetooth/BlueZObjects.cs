using Streams.Sources.DBus;
using ManagedObjects = System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, Streams.Sources.DBus.DBusValue>>>;
using Properties = System.Collections.Generic.IReadOnlyDictionary<string, Streams.Sources.DBus.DBusValue>;

namespace Streams.Sources.Bluetooth;

/// <summary>Reads what the link needs out of BlueZ's GetManagedObjects tree. Pure.</summary>
internal static class BlueZObjects
{
    public static bool HasAdapter(ManagedObjects objects, string adapterPath) =>
        objects.TryGetValue(adapterPath, out var interfaces) && interfaces.ContainsKey(BlueZ.Adapter);

    /// <summary>The path of the device with address <paramref name="mac"/> on the adapter, or null.</summary>
    public static string? FindDevice(ManagedObjects objects, string adapterPath, string mac)
    {
        foreach (var (path, interfaces) in objects)
        {
            if (interfaces.TryGetValue(BlueZ.Device, out var device) && IsDeviceOf(device, adapterPath, path)
                && string.Equals(Text(device, "Address"), mac, StringComparison.OrdinalIgnoreCase))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>
    /// The characteristic with <paramref name="characteristicUuid"/> under the device, in the service
    /// with <paramref name="serviceUuid"/>; null when it is not (yet) there.
    /// </summary>
    public static BlueZCharacteristic? FindCharacteristic(ManagedObjects objects, string devicePath, string serviceUuid, string characteristicUuid)
    {
        foreach (var (path, interfaces) in objects)
        {
            if (!path.StartsWith(devicePath + "/", StringComparison.Ordinal)
                || !interfaces.TryGetValue(BlueZ.GattCharacteristic, out var characteristic)
                || !BleUuids.Same(Text(characteristic, "UUID"), characteristicUuid))
            {
                continue;
            }

            var service = characteristic.TryGetValue("Service", out var owner) && owner is DBusObjectPath servicePath ? servicePath.Value : null;
            if (service is not null && objects.TryGetValue(service, out var serviceInterfaces)
                && serviceInterfaces.TryGetValue(BlueZ.GattService, out var serviceProperties)
                && BleUuids.Same(Text(serviceProperties, "UUID"), serviceUuid))
            {
                return new BlueZCharacteristic(path, Strings(characteristic, "Flags"));
            }
        }

        return null;
    }

    /// <summary>Every device the adapter knows, by object path, as a scan lists it.</summary>
    public static IEnumerable<(string Path, BleDeviceSighting Sighting)> Devices(ManagedObjects objects, string adapterPath) =>
        objects
            .Where(o => o.Value.TryGetValue(BlueZ.Device, out var device) && IsDeviceOf(device, adapterPath, o.Key))
            .Select(o => (o.Key, Sighting(o.Value[BlueZ.Device])));

    public static BleDeviceSighting Sighting(Properties device) =>
        new(
            Text(device, "Address") ?? "??",
            Text(device, "Name") ?? Text(device, "Alias"),
            Rssi(device),
            Strings(device, "UUIDs"));

    public static short? Rssi(Properties device) =>
        device.TryGetValue("RSSI", out var value) && value is DBusInt16 rssi ? rssi.Value : null;

    public static bool? Flag(Properties properties, string name) =>
        properties.TryGetValue(name, out var value) && value is DBusBoolean flag ? flag.Value : null;

    public static string? Text(Properties properties, string name) =>
        properties.TryGetValue(name, out var value) && value is DBusString text ? text.Value : null;

    public static IReadOnlyList<string> Strings(Properties properties, string name) =>
        properties.TryGetValue(name, out var value) && value is DBusArray array ? [.. array.Items.OfType<DBusString>().Select(s => s.Value)] : [];

    private static bool IsDeviceOf(Properties device, string adapterPath, string path) =>
        device.TryGetValue("Adapter", out var adapter) && adapter is DBusObjectPath owner
            ? owner.Value == adapterPath
            : path.StartsWith(adapterPath + "/", StringComparison.Ordinal);
}
