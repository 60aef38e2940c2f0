namespace Streams.Transports.Bluetooth;

/// <summary>
/// The Bluetooth stack cannot reach the peripheral at all: no system bus, no BlueZ, no such
/// adapter, the device not found, or it lacks the expected GATT service. The message is one line
/// fit for a user.
/// </summary>
public sealed class BleUnavailableException : Exception
{
    public BleUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
