namespace Streams.Transports.Esphome;

/// <summary>
/// The ESPHome proxy has no free Bluetooth connection slot for this device: every slot is held by
/// other devices (of this or another client). Connecting again cannot help until one is freed or
/// the proxy gets more (<c>bluetooth_proxy: connection_slots</c>).
/// </summary>
internal sealed class BleProxyFullException : Exception
{
    public BleProxyFullException(string message)
        : base(message)
    {
    }
}
