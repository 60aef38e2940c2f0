using System.Net.Sockets;
using Streams.Transports.Serial;

namespace Streams.Transports.Tcp;

/// <summary>
/// The connection to a converter was lost: closed or reset by the converter (it restarted, its
/// Wi-Fi dropped), keep-alive probes unanswered, or a write that could not complete. A
/// <see cref="SerialDisconnectedException"/>, so pollers, the reconnect loop and the sniffer treat it
/// exactly like an unplugged serial adapter: a new connection must be made.
/// </summary>
internal sealed class TcpDisconnectedException : SerialDisconnectedException
{
    public TcpDisconnectedException(string path, string reason)
        : base(path, reason, $"Connection to converter {path} lost ({reason})")
    {
    }

    /// <summary>The loss a socket error on an established connection means, in words.</summary>
    public static TcpDisconnectedException From(string path, SocketException error) => new(path, error.SocketErrorCode switch
    {
        SocketError.ConnectionReset => "reset by the converter (ECONNRESET)",
        SocketError.TimedOut => "the converter stopped answering: keep-alive probes or a request went unacknowledged (ETIMEDOUT)",
        SocketError.HostUnreachable or SocketError.HostDown => "the converter is unreachable (EHOSTUNREACH)",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "the network is down (ENETUNREACH)",
        SocketError.Shutdown or SocketError.ConnectionAborted => "the connection was shut down",
        var code => $"{code}: {error.Message}",
    });
}
