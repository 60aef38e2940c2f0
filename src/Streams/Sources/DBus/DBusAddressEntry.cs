using System.Collections.Immutable;
using System.Net.Sockets;

namespace Streams.Sources.DBus;

/// <summary>One <c>transport:key=value,…</c> entry of a <see cref="DBusAddress"/>.</summary>
internal sealed record DBusAddressEntry(string Transport, ImmutableDictionary<string, string> Properties)
{
    /// <summary>The socket end point for <c>unix:path=</c> or <c>unix:abstract=</c>; null for anything else.</summary>
    public UnixDomainSocketEndPoint? ToEndPoint()
    {
        if (Transport != "unix")
        {
            return null;
        }

        if (Properties.TryGetValue("path", out var path))
        {
            return new UnixDomainSocketEndPoint(path);
        }

        // A leading NUL selects Linux's abstract socket namespace.
        return Properties.TryGetValue("abstract", out var name) ? new UnixDomainSocketEndPoint("\0" + name) : null;
    }

    public override string ToString() =>
        $"{Transport}:{string.Join(",", Properties.Select(p => $"{p.Key}={p.Value}"))}";
}
