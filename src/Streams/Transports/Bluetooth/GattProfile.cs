namespace Streams.Transports.Bluetooth;

/// <summary>
/// Where a device family talks over GATT: the primary service, the characteristic whose
/// notifications carry replies, and the one requests are written to. The device side owns it; the
/// transport only looks the UUIDs up.
/// </summary>
/// <param name="Name">The family, for messages (<c>JBD</c>).</param>
/// <param name="Service">The service UUID, 128-bit form.</param>
/// <param name="Notify">The notify characteristic UUID.</param>
/// <param name="Write">The write characteristic UUID.</param>
internal sealed record GattProfile(string Name, string Service, string Notify, string Write)
{
    /// <summary><c>JBD service ff00 (notify ff01, write ff02)</c>.</summary>
    public override string ToString() =>
        $"{Name} service {BleUuids.ShortForm(Service)} (notify {BleUuids.ShortForm(Notify)}, write {BleUuids.ShortForm(Write)})";
}
