namespace Streams.Transports.Bluetooth;

/// <summary>A device a scan saw: its address, advertised name, signal strength and service UUIDs.</summary>
public sealed record BleDeviceSighting(string Address, string? Name, short? Rssi, IReadOnlyList<string> ServiceUuids)
{
    /// <summary>Whether the device advertises the service <paramref name="serviceUuid"/>.</summary>
    public bool Advertises(string serviceUuid) => ServiceUuids.Any(uuid => BleUuids.Same(uuid, serviceUuid));
}
