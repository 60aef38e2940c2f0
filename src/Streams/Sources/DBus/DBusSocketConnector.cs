using System.Net.Sockets;

namespace Streams.Sources.DBus;

/// <summary>Opens a stream socket to the first entry of an address that accepts a connection.</summary>
internal static class DBusSocketConnector
{
    public static async Task<Socket> ConnectAsync(DBusAddress address, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var entry in address.Entries)
        {
            var endPoint = entry.ToEndPoint();
            if (endPoint is null)
            {
                failures.Add($"{entry.Transport}: transport not supported");
                continue;
            }

            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException error)
            {
                socket.Dispose();
                failures.Add($"{entry}: {error.Message}");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new DBusConnectionClosedException($"Cannot connect to D-Bus at '{address}': {string.Join("; ", failures)}.");
    }
}
