using System.Collections.Immutable;

namespace Streams.Sources.DBus;

/// <summary>
/// A D-Bus server address such as <c>unix:path=/run/dbus/system_bus_socket</c> or
/// <c>unix:abstract=/tmp/dbus-x,guid=…;unix:path=/tmp/b</c>: one or more entries, tried in order.
/// Values are %-unescaped. Only the <c>unix</c> transport with <c>path</c> or <c>abstract</c> can
/// be connected to; other entries are kept but skipped.
/// </summary>
public sealed class DBusAddress
{
    /// <summary>The variable that overrides the system bus address (the test seam for a fake BlueZ).</summary>
    public const string SystemBusVariable = "DBUS_SYSTEM_BUS_ADDRESS";

    /// <summary>The well-known system bus address used when the variable is unset.</summary>
    public const string DefaultSystemBus = "unix:path=/var/run/dbus/system_bus_socket";

    private DBusAddress(string text, ImmutableArray<DBusAddressEntry> entries)
    {
        Text = text;
        Entries = entries;
    }

    /// <summary>The address as given.</summary>
    public string Text { get; }

    internal ImmutableArray<DBusAddressEntry> Entries { get; }

    /// <summary>The system bus: <c>$DBUS_SYSTEM_BUS_ADDRESS</c>, else <see cref="DefaultSystemBus"/>.</summary>
    public static DBusAddress SystemBus() => SystemBus(Environment.GetEnvironmentVariable);

    internal static DBusAddress SystemBus(Func<string, string?> getVariable)
    {
        var text = getVariable(SystemBusVariable);
        return Parse(string.IsNullOrWhiteSpace(text) ? DefaultSystemBus : text);
    }

    /// <summary>Parses an address; throws <see cref="FormatException"/> with a one-line reason when it is malformed.</summary>
    public static DBusAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address, out var error)
            ? address
            : throw new FormatException($"D-Bus address '{text}' is not valid: {error}");
    }

    public static bool TryParse(string text, out DBusAddress address, out string error)
    {
        address = null!;
        var entries = ImmutableArray.CreateBuilder<DBusAddressEntry>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entry = ParseEntry(part, out error);
            if (entry is null)
            {
                return false;
            }

            entries.Add(entry);
        }

        if (entries.Count == 0)
        {
            error = "it is empty";
            return false;
        }

        address = new DBusAddress(text, entries.ToImmutable());
        error = string.Empty;
        return true;
    }

    public override string ToString() => Text;

    private static DBusAddressEntry? ParseEntry(string part, out string error)
    {
        var colon = part.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"'{part}' has no 'transport:' prefix";
            return null;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var rest = part[(colon + 1)..];
        foreach (var pair in rest.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"'{pair}' is not key=value";
                return null;
            }

            var key = pair[..equals];
            var value = Unescape(pair[(equals + 1)..], out error);
            if (value is null)
            {
                return null;
            }

            if (!properties.TryAdd(key, value))
            {
                error = $"'{key}' appears twice";
                return null;
            }
        }

        error = string.Empty;
        return new DBusAddressEntry(part[..colon], properties.ToImmutable());
    }

    private static string? Unescape(string value, out string error)
    {
        for (var i = value.IndexOf('%', StringComparison.Ordinal); i >= 0; i = value.IndexOf('%', i + 1))
        {
            if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
            {
                error = $"'{value}' has a bad %-escape at {i}";
                return null;
            }
        }

        error = string.Empty;
        return Uri.UnescapeDataString(value);
    }
}
