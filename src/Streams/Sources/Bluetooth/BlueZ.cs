namespace Streams.Sources.Bluetooth;

/// <summary>BlueZ's D-Bus names (doc/adapter-api.txt, device-api.txt, gatt-api.txt).</summary>
public static class BlueZ
{
    public const string Service = "org.bluez";
    public const string Adapter = "org.bluez.Adapter1";
    public const string Device = "org.bluez.Device1";
    public const string GattService = "org.bluez.GattService1";
    public const string GattCharacteristic = "org.bluez.GattCharacteristic1";

    /// <summary>Where BlueZ serves its ObjectManager.</summary>
    public const string RootPath = "/";

    /// <summary><c>/org/bluez/hci0</c> for <c>hci0</c>.</summary>
    public static string AdapterPath(string adapter) => $"/org/bluez/{adapter}";
}
