using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth;

/// <summary>BlueZ's object tree (GetManagedObjects), and what the link and the scan look up in it. Pure.</summary>
internal sealed class BlueZObjectTree(IReadOnlyDictionary<string, BlueZObject> objects)
{
    public bool HasAdapter(string adapterPath) => Properties(adapterPath, BlueZ.Adapter) is not null;

    /// <summary>The adapter names (<c>hci0</c>, …) BlueZ has.</summary>
    public IReadOnlyList<string> AdapterNames() =>
        [.. objects.Values.Where(o => o.Interface(BlueZ.Adapter) is not null).Select(o => o.Path[(o.Path.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal)];

    /// <summary>The properties of <paramref name="interface"/> on the object at <paramref name="path"/>, or null.</summary>
    public IReadOnlyDictionary<string, VariantValue>? Properties(string path, string @interface) =>
        objects.GetValueOrDefault(path)?.Interface(@interface);

    /// <summary>The path of the device with address <paramref name="address"/> on the adapter, or null.</summary>
    public string? FindDevice(string adapterPath, string address) =>
        objects.Values.FirstOrDefault(o => IsDevice(o, adapterPath, address))?.Path;

    /// <summary>Whether <paramref name="item"/> is the device with address <paramref name="address"/> on the adapter.</summary>
    public static bool IsDevice(BlueZObject item, string adapterPath, string address) =>
        item.Interface(BlueZ.Device) is { } device
        && IsDeviceOf(device, adapterPath, item.Path)
        && string.Equals(BlueZProperties.Text(device, "Address"), address, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The characteristic with <paramref name="characteristicUuid"/> under the device, in the service
    /// with <paramref name="serviceUuid"/>; null when it is not (yet) there.
    /// </summary>
    public BlueZCharacteristic? FindCharacteristic(string devicePath, string serviceUuid, string characteristicUuid)
    {
        foreach (var (path, item) in objects)
        {
            if (!path.StartsWith(devicePath + "/", StringComparison.Ordinal)
                || item.Interface(BlueZ.GattCharacteristic) is not { } characteristic
                || !BleUuids.Same(BlueZProperties.Text(characteristic, "UUID"), characteristicUuid))
            {
                continue;
            }

            if (BlueZProperties.ObjectPath(characteristic, "Service") is { } servicePath
                && Properties(servicePath, BlueZ.GattService) is { } service
                && BleUuids.Same(BlueZProperties.Text(service, "UUID"), serviceUuid))
            {
                return new BlueZCharacteristic(path, BlueZProperties.Strings(characteristic, "Flags"));
            }
        }

        return null;
    }

    /// <summary>Every device the adapter knows, by object path, as a scan lists it.</summary>
    public IEnumerable<(string Path, BleDeviceSighting Sighting)> Devices(string adapterPath) =>
        objects.Values
            .Where(o => o.Interface(BlueZ.Device) is { } device && IsDeviceOf(device, adapterPath, o.Path))
            .Select(o => (o.Path, Sighting(o.Interface(BlueZ.Device)!)));

    public static BleDeviceSighting Sighting(IReadOnlyDictionary<string, VariantValue> device) =>
        new(
            BlueZProperties.Text(device, "Address") ?? "??",
            BlueZProperties.Text(device, "Name") ?? BlueZProperties.Text(device, "Alias"),
            BlueZProperties.Rssi(device),
            BlueZProperties.Strings(device, "UUIDs"));

    private static bool IsDeviceOf(IReadOnlyDictionary<string, VariantValue> device, string adapterPath, string path) =>
        BlueZProperties.ObjectPath(device, "Adapter") is { } owner
            ? owner == adapterPath
            : path.StartsWith(adapterPath + "/", StringComparison.Ordinal);
}
