namespace Streams.Transports.Bluetooth;

/// <summary>A Bluetooth LE connection ended without being asked to; the message says how.</summary>
internal sealed class BleLinkLostException : Exception
{
    public BleLinkLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
