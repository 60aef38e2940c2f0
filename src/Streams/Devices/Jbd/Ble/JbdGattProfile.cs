using System.Text.RegularExpressions;
using Streams.Transports.Bluetooth;

namespace Streams.Devices.Jbd.Ble;

/// <summary>
/// How a JBD / Xiaoxiang BLE dongle talks (docs/protocols.md §4): service 0xFF00, replies as
/// notifications of 0xFF01, requests written to 0xFF02; and how a scan recognises one.
/// </summary>
internal static partial class JbdGattProfile
{
    /// <summary>Service 0xFF00, notify 0xFF01, write 0xFF02.</summary>
    public static GattProfile Profile { get; } = new("JBD", BleUuids.FromShort(0xFF00), BleUuids.FromShort(0xFF01), BleUuids.FromShort(0xFF02));

    /// <summary>Advertises 0xFF00 or is named like a JBD / Xiaoxiang BMS (<c>JBD…</c>, <c>xiaoxiang…</c>, <c>SP04S…</c>).</summary>
    public static bool Recognizes(BleDeviceSighting device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Advertises(Profile.Service) || (device.Name is not null && BmsName().IsMatch(device.Name));
    }

    [GeneratedRegex(@"^(jbd|xiaoxiang|sp\d{2}s)|xiaoxiang", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BmsName();
}
