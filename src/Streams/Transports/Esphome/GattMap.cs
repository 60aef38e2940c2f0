using System.Globalization;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>The handles a <see cref="GattProfile"/> resolved to on one device; kept to reconnect without service discovery.</summary>
/// <param name="Notify">The notify characteristic's handle.</param>
/// <param name="Cccd">Its Client Characteristic Configuration descriptor (0x2902), where notifications are switched on; null when it has none.</param>
/// <param name="CccdValue">What enables them: <c>01 00</c> (notify) or <c>02 00</c> (indicate only).</param>
/// <param name="Write">The write characteristic's handle.</param>
/// <param name="WriteWithResponse">The write characteristic lacks write-without-response, so writes ask for a response.</param>
internal sealed record GattMap(uint Notify, uint? Cccd, byte[] CccdValue, uint Write, bool WriteWithResponse)
{
    private const uint WriteWithoutResponseProperty = 0x04;
    private const uint NotifyProperty = 0x10;
    private const uint IndicateProperty = 0x20;
    private static readonly string CccdUuid = BleUuids.FromShort(0x2902);

    /// <summary>Finds <paramref name="profile"/> among <paramref name="services"/>; null when the device lacks it.</summary>
    public static GattMap? Resolve(IEnumerable<BluetoothGATTService> services, GattProfile profile)
    {
        var service = services.FirstOrDefault(s => BleUuids.Same(Uuid(s.Uuid, s.ShortUuid), profile.Service));
        var notify = service?.Characteristics.FirstOrDefault(c => BleUuids.Same(Uuid(c.Uuid, c.ShortUuid), profile.Notify));
        var write = service?.Characteristics.FirstOrDefault(c => BleUuids.Same(Uuid(c.Uuid, c.ShortUuid), profile.Write));
        if (notify is null || write is null)
        {
            return null;
        }

        var cccd = notify.Descriptors.FirstOrDefault(d => BleUuids.Same(Uuid(d.Uuid, d.ShortUuid), CccdUuid));
        var indicateOnly = (notify.Properties & NotifyProperty) == 0 && (notify.Properties & IndicateProperty) != 0;
        return new GattMap(notify.Handle, cccd?.Handle, indicateOnly ? [0x02, 0x00] : [0x01, 0x00], write.Handle, (write.Properties & WriteWithoutResponseProperty) == 0);
    }

    /// <summary>
    /// A UUID as ESPHome sends it: 128 bits as [high, low] in <paramref name="uuid"/>, or a 16/32-bit
    /// <paramref name="shortUuid"/> in the Bluetooth base UUID (API 1.12+).
    /// </summary>
    public static string Uuid(IReadOnlyList<ulong> uuid, uint shortUuid)
    {
        if (uuid.Count == 2)
        {
            var hex = uuid[0].ToString("x16", CultureInfo.InvariantCulture) + uuid[1].ToString("x16", CultureInfo.InvariantCulture);
            return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
        }

        return $"{shortUuid:x8}-0000-1000-8000-00805f9b34fb";
    }
}
