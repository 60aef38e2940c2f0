using Streams.Devices.Jbd.Ble;
using Streams.Transports.Bluetooth;

namespace Streams.Composition;

/// <summary>
/// What a Bluetooth scan result looks like to the device families we support: each BLE family
/// brings its GATT profile and how it recognises its devices; the scan command only prints.
/// </summary>
public static class BleScanMarks
{
    /// <summary>True when some supported BLE device family recognises <paramref name="device"/>.</summary>
    public static bool IsBmsLike(BleDeviceSighting device) => JbdGattProfile.Recognizes(device);

    /// <summary><c>  [BMS, service ff00]</c>, <c>  [BMS]</c> (recognised by name), or empty.</summary>
    public static string Mark(BleDeviceSighting device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!JbdGattProfile.Recognizes(device))
        {
            return string.Empty;
        }

        var service = JbdGattProfile.Profile.Service;
        return device.Advertises(service) ? $"  [BMS, service {BleUuids.ShortForm(service)}]" : "  [BMS]";
    }
}
