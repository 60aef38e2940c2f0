using System.Net.Security;
using System.Net.Sockets;
using Serilog;

namespace Streams.Bench.Baseline.Transport;

/// <summary>Opens the byte stream to the broker: TCP, then TLS when configured.</summary>
internal static class MqttTransport
{
    public static async Task<MqttTransportStream> ConnectAsync(MqttClientOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: true);
            if (options.Tls is null)
            {
                return new MqttTransportStream(network, socket, $"tcp {options.Host}:{options.Port}");
            }

            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                var sslOptions = MqttTlsAuthenticator.CreateOptions(options.Tls, options.Host, logger);
                await ssl.AuthenticateAsClientAsync(sslOptions, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return new MqttTransportStream(ssl, socket, $"tls {options.Host}:{options.Port} ({ssl.SslProtocol})");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
