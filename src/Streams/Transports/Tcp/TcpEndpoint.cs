using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Streams.Transports.Tcp;

/// <summary>
/// Where a network serial converter listens, written <c>tcp://host:port</c>: an IPv4 address
/// (<c>tcp://192.168.1.50:8899</c>), an IPv6 address in brackets (<c>tcp://[fd00::50]:502</c>) or a
/// host name (<c>tcp://ew11.local:8899</c>). The port is required: converters differ (8899, 4196,
/// 502, 23), and guessing one would turn a typo into a silent timeout.
/// </summary>
internal sealed record TcpEndpoint
{
    public const string Scheme = "tcp://";

    private const string Expected = "expected tcp://host:port, e.g. tcp://192.168.1.50:8899";

    private TcpEndpoint(string host, int port)
    {
        Host = host;
        Port = port;
    }

    /// <summary>The host name or address as written, without brackets.</summary>
    public string Host { get; }

    public int Port { get; }

    /// <summary>The host as an address when it is one (no name lookup needed), else null.</summary>
    public IPAddress? Address => IPAddress.TryParse(Host, out var address) ? address : null;

    /// <summary>True when <paramref name="port"/> names a TCP converter rather than a serial device path.</summary>
    public static bool IsTcp(string port) => port.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>tcp://host:port</c>.</summary>
    /// <exception cref="FormatException">The text is not a usable TCP address; the message is one line naming the problem.</exception>
    public static TcpEndpoint Parse(string text) =>
        TryParse(text, out var endpoint, out var problem) ? endpoint : throw new FormatException(problem);

    /// <summary>Parses <c>tcp://host:port</c>; on failure <paramref name="problem"/> is a one-line message naming what is wrong.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out TcpEndpoint? endpoint, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        endpoint = null;
        problem = Problem(text, out var host, out var port);
        if (problem is not null)
        {
            problem = $"'{text}' is not a TCP address: {problem}";
            return false;
        }

        endpoint = new TcpEndpoint(host!, port);
        return true;
    }

    public override string ToString() =>
        Address?.AddressFamily == AddressFamily.InterNetworkV6 ? $"{Scheme}[{Host}]:{Port}" : $"{Scheme}{Host}:{Port}";

    private static string? Problem(string text, out string? host, out int port)
    {
        host = null;
        port = 0;
        if (!IsTcp(text))
        {
            return Expected;
        }

        var rest = text[Scheme.Length..];
        if (rest.IndexOfAny(['/', '?', '#', '@']) is var extra and >= 0)
        {
            return $"'{rest[extra]}' has no place in it ({Expected})";
        }

        string portText;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return "the IPv6 address has no closing ']'";
            }

            host = rest[1..close];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return $"'{host}' is not an IPv6 address";
            }

            var after = rest[(close + 1)..];
            if (!after.StartsWith(':'))
            {
                return after.Length == 0 ? $"no port ({Expected})" : $"expected ':port' after ']', found '{after}'";
            }

            portText = after[1..];
        }
        else
        {
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return rest.Length == 0 ? $"no host ({Expected})" : $"no port ({Expected})";
            }

            if (rest.IndexOf(':', colon + 1) >= 0)
            {
                return "an IPv6 address goes in brackets, e.g. tcp://[fd00::50]:502";
            }

            host = rest[..colon];
            portText = rest[(colon + 1)..];
            if (HostProblem(host) is { } hostProblem)
            {
                return hostProblem;
            }
        }

        return PortProblem(portText, out port);
    }

    private static string? HostProblem(string host)
    {
        if (host.Length == 0)
        {
            return $"no host ({Expected})";
        }

        // All digits and dots reads as an IPv4 address, so it must be a whole one (IPAddress would take "10.1").
        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            var parts = host.Split('.');
            return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && int.Parse(p, CultureInfo.InvariantCulture) <= 255)
                ? null
                : $"'{host}' is not an IPv4 address (four numbers 0-255 separated by dots)";
        }

        if (host.Length > 253)
        {
            return $"the host name is {host.Length} characters long, more than 253";
        }

        var bad = host.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'));
        if (bad != default)
        {
            return $"the host name '{host}' holds '{bad}', which no host name can hold";
        }

        return host.Split('.').Any(label => label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-'))
            ? $"'{host}' is not a host name (empty or overlong part, or a part starting or ending with '-')"
            : null;
    }

    private static string? PortProblem(string text, out int port)
    {
        port = 0;
        if (text.Length == 0)
        {
            return $"no port after ':' ({Expected})";
        }

        if (text.Length > 5 || !text.All(char.IsAsciiDigit) || (port = int.Parse(text, CultureInfo.InvariantCulture)) is < 1 or > 65535)
        {
            return $"port '{text}' is not a number 1-65535";
        }

        return null;
    }
}
