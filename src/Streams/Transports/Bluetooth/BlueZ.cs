namespace Streams.Transports.Bluetooth;

/// <summary>BlueZ's D-Bus names (doc/org.bluez.Adapter.rst, Device.rst, GattCharacteristic.rst).</summary>
internal static class BlueZ
{
    public const string Service = "org.bluez";
    public const string Adapter = "org.bluez.Adapter1";
    public const string Device = "org.bluez.Device1";
    public const string GattService = "org.bluez.GattService1";
    public const string GattCharacteristic = "org.bluez.GattCharacteristic1";
    public const string Properties = "org.freedesktop.DBus.Properties";
    public const string ObjectManager = "org.freedesktop.DBus.ObjectManager";

    /// <summary>Where BlueZ serves its ObjectManager.</summary>
    public const string RootPath = "/";

    /// <summary>Where BlueZ's objects live; device, service and characteristic paths are below their adapter's.</summary>
    public const string ObjectsPath = "/org/bluez";

    /// <summary><c>/org/bluez/hci0</c> for <c>hci0</c>.</summary>
    public static string AdapterPath(string adapter) => $"{ObjectsPath}/{adapter}";

    /// <summary>The error names BlueZ answers with that the link and the scan tolerate (doc/org.bluez.Device.rst, Adapter.rst).</summary>
    public static class Errors
    {
        /// <summary>Connect: the device is connected already. Harmless.</summary>
        public const string AlreadyConnected = "org.bluez.Error.AlreadyConnected";

        /// <summary>Connect or StartDiscovery: already under way (another attempt, another client).</summary>
        public const string InProgress = "org.bluez.Error.InProgress";
    }
}
