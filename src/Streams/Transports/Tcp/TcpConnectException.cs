using System.Net.Sockets;

namespace Streams.Transports.Tcp;

/// <summary>
/// A converter could not be reached. An <see cref="IOException"/>, so the reconnect loop retries it
/// with backoff like a serial port that is not plugged in. The message is one line meant for the
/// user, e.g. <c>Converter tcp://192.168.1.50:8899 refused the connection (ECONNREFUSED: nothing listens on that port)</c>.
/// </summary>
internal sealed class TcpConnectException : IOException
{
    public TcpConnectException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The converter's address, <c>tcp://host:port</c>.</summary>
    public string Path { get; }

    public static TcpConnectException TimedOut(TcpEndpoint endpoint, TimeSpan timeout) => new(
        endpoint.ToString(),
        $"Converter {endpoint} did not answer within {timeout.TotalSeconds:0.###} s (powered off, out of Wi-Fi range, or a wrong address)");

    public static TcpConnectException From(TcpEndpoint endpoint, SocketException error)
    {
        var message = error.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"Converter {endpoint} refused the connection (ECONNREFUSED: nothing listens on port {endpoint.Port})",
            SocketError.HostNotFound or SocketError.NoData => $"Converter host '{endpoint.Host}' not found (the name does not resolve)",
            SocketError.TryAgain => $"Converter host '{endpoint.Host}' could not be looked up (name server unavailable)",
            SocketError.TimedOut => $"Converter {endpoint} did not answer (ETIMEDOUT)",
            SocketError.HostUnreachable or SocketError.HostDown => $"Converter {endpoint} is unreachable (EHOSTUNREACH: no route to host)",
            SocketError.NetworkUnreachable or SocketError.NetworkDown => $"Converter {endpoint} is unreachable (ENETUNREACH: the network is down)",
            SocketError.AddressFamilyNotSupported => $"Converter {endpoint}: this host has no IPv6 (EAFNOSUPPORT)",
            var code => $"Cannot connect to converter {endpoint} ({code}: {error.Message})",
        };
        return new TcpConnectException(endpoint.ToString(), message, error);
    }
}
