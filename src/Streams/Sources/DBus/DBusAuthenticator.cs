using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Streams.Sources.DBus;

/// <summary>
/// The client side of the SASL exchange that precedes messages: a NUL byte,
/// <c>AUTH EXTERNAL &lt;hex of the decimal uid&gt;</c>, then <c>OK &lt;guid&gt;</c> from the server and
/// <c>BEGIN</c>. Unix-fd passing is not negotiated.
/// </summary>
internal static class DBusAuthenticator
{
    private const int MaxLineLength = 16 * 1024;

    /// <summary>Authenticates; returns the server GUID and any bytes that followed the server's OK line.</summary>
    public static async Task<(string Guid, byte[] Leftover)> AuthenticateAsync(Socket socket, uint uid, CancellationToken cancellationToken)
    {
        var uidHex = Convert.ToHexString(Encoding.ASCII.GetBytes(uid.ToString(CultureInfo.InvariantCulture))).ToLowerInvariant();
        await SendAllAsync(socket, Encoding.ASCII.GetBytes($"\0AUTH EXTERNAL {uidHex}\r\n"), cancellationToken).ConfigureAwait(false);
        var (line, leftover) = await ReadLineAsync(socket, cancellationToken).ConfigureAwait(false);
        if (line.StartsWith("OK ", StringComparison.Ordinal))
        {
            await SendAllAsync(socket, "BEGIN\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            return (line[3..].Trim(), leftover);
        }

        if (line.StartsWith("REJECTED", StringComparison.Ordinal))
        {
            var offered = line.Length > 8 ? line[8..].Trim() : "none";
            throw new DBusAuthenticationException($"The bus rejected EXTERNAL authentication as uid {uid} (it offers: {offered}).");
        }

        throw new DBusAuthenticationException($"Unexpected reply to AUTH EXTERNAL: '{Printable(line)}'.");
    }

    /// <summary>The effective uid, which EXTERNAL authentication claims.</summary>
    public static uint EffectiveUserId() => geteuid();

    internal static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    private static async Task<(string Line, byte[] Leftover)> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var count = 0;
        while (true)
        {
            var newline = buffer.AsSpan(0, count).IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                var line = Encoding.ASCII.GetString(buffer, 0, newline);
                return (line, buffer[(newline + 2)..count]);
            }

            if (count == buffer.Length)
            {
                if (buffer.Length >= MaxLineLength)
                {
                    throw new DBusAuthenticationException($"The bus sent an authentication line longer than {MaxLineLength} bytes.");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var received = await socket.ReceiveAsync(buffer.AsMemory(count), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                throw new DBusConnectionClosedException("The bus closed the connection during authentication.");
            }

            count += received;
        }
    }

    private static string Printable(string line) =>
        new(line.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    [DllImport("libc", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint geteuid();
}
