namespace Streams.Polling.Bus;

/// <summary>A poll was due while the bus had no open link.</summary>
internal sealed class PortDisconnectedException(string port, Exception? reason)
    : IOException(reason is null ? $"port {port} is not open yet" : $"port {port} disconnected: {reason.Message}", reason)
{
    public string Port => port;
}
