using System.Net;
using System.Net.Sockets;
using Streams.Transports.Tcp;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// The far end of a real loopback TCP connection, for the link's own tests: a listening socket and
/// the connections it accepted, whose bytes, close and reset the test drives. The peer is the kernel's
/// TCP; the converters behind the link are tested with socat and libmodbus.
/// </summary>
internal sealed class LoopbackPeer : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _accepted = [];

    public LoopbackPeer(IPAddress? address = null, int backlog = 8)
    {
        address ??= IPAddress.Loopback;
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen(backlog);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        Address = address;
    }

    public IPAddress Address { get; }

    public int Port { get; }

    public TcpEndpoint Endpoint(string? host = null) => TcpEndpoint.Parse(
        $"tcp://{host ?? (Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}");

    /// <summary>The next connection, once our side connected.</summary>
    public async Task<Socket> AcceptAsync()
    {
        var socket = await _listener.AcceptAsync().WaitAsync(Serial.Bounded.Wait);
        _accepted.Add(socket);
        return socket;
    }

    /// <summary>Closes with RST instead of FIN, as a converter that reboots mid-connection does.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    public void Dispose()
    {
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }
}
