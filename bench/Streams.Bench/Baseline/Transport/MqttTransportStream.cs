using System.Net.Sockets;

namespace Streams.Bench.Baseline.Transport;

/// <summary>An open byte stream to the broker (plain TCP or TLS over it) and the socket under it.</summary>
internal sealed class MqttTransportStream(Stream stream, Socket socket, string description) : IAsyncDisposable
{
    public Stream Stream { get; } = stream;

    /// <summary>"tcp 127.0.0.1:1883" or "tls 127.0.0.1:8883 (Tls13)": for log lines.</summary>
    public string Description { get; } = description;

    /// <summary>Closes the socket without any MQTT goodbye: the broker sees a lost connection and sends the will.</summary>
    public void Abort()
    {
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Closing a TLS stream writes close_notify; the peer may already be gone.
        }

        socket.Dispose();
    }
}
