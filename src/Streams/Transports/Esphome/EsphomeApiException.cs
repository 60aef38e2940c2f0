namespace Streams.Transports.Esphome;

/// <summary>
/// The ESPHome API connection to a proxy failed or ended: unreachable, the handshake refused (wrong
/// encryption key, plaintext against encryption), a wrong legacy password, a protocol error, no answer
/// to keep-alive, or the proxy closed it. The message is one line fit for a user; the text before its
/// first colon stays the same for the same cause.
/// </summary>
internal sealed class EsphomeApiException : Exception
{
    public EsphomeApiException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
