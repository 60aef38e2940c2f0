using System.Text.RegularExpressions;
using Streams.HomeAssistant;
using Streams.Transports.Tcp;
using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>Shape checks for names and addresses that end up in topics, ids or BlueZ object paths.</summary>
internal static partial class NameRules
{
    /// <summary>The topic level of the bridge's own device, so no pack may take it.</summary>
    public const string ReservedName = BridgeTopics.BridgeLevel;

    /// <summary>A pack or BMS name; checked for shape, then claimed so it is unique across sources.</summary>
    public static string PackName(MappingReader map, string key = "name") =>
        DeviceName(map, key, (name, node) => map.Context.Claims.PackName(name, node, map.PathOf(key)));

    /// <summary>A bank's name: the shape of a pack name, and unique among packs and banks.</summary>
    public static string BankName(MappingReader map, string key = "name") =>
        DeviceName(map, key, (name, node) => map.Context.Claims.BankName(name, node, map.PathOf(key)));

    private static string DeviceName(MappingReader map, string key, Action<string, YamlNode> claim)
    {
        var name = map.RequiredString(key);
        if (name.Length == 0 || map.Find(key) is not { } node)
        {
            return name;
        }

        if (!PackNamePattern().IsMatch(name))
        {
            map.Context.Error(node, map.PathOf(key),
                $"must be 1..{Limits.MaxNameLength} letters, digits, '_' or '-' (it becomes part of MQTT topics and Home Assistant ids), got {ConfigText.Quote(name)}");
            return name;
        }

        if (string.Equals(name, ReservedName, StringComparison.OrdinalIgnoreCase))
        {
            map.Context.Error(node, map.PathOf(key),
                $"'{ReservedName}' is reserved: the bridge publishes its own availability under <base_topic>/{ReservedName}/, choose another name");
            return name;
        }

        claim(name, node);
        return name;
    }

    /// <summary>
    /// A serial device path, or a network converter's <c>tcp://host:port</c> (checked, and returned
    /// in one spelling); claimed so no two sources open the same port. A <c>tcp://</c> port takes no
    /// <c>baud</c>: the converter's own serial settings set the bus speed, so one given is ignored
    /// with a warning.
    /// </summary>
    public static string SerialPort(MappingReader map, string key = "port")
    {
        var port = map.RequiredString(key);
        if (port.Length == 0 || map.Find(key) is not { } node)
        {
            return port;
        }

        if (TcpEndpoint.IsTcp(port))
        {
            if (!TcpEndpoint.TryParse(port, out var endpoint, out var problem))
            {
                map.Context.Error(node, map.PathOf(key), problem);
                return port;
            }

            port = endpoint.ToString();
            if (map.HasKey("baud"))
            {
                map.Warning("baud", $"ignored for {port}: a network converter sets the bus speed in its own serial settings (set it to the BMS's speed there)");
            }
        }
        else if (!port.StartsWith('/') && TcpEndpoint.TryParse(TcpEndpoint.Scheme + port, out var network, out _))
        {
            map.Context.Error(node, map.PathOf(key), $"{ConfigText.Quote(port)} reads as a network address, not a serial device path: write {network} for a converter");
            return port;
        }

        // Host names are case-insensitive: two spellings of one converter are one port.
        map.Context.Claims.SerialPort(TcpEndpoint.IsTcp(port) ? port.ToLowerInvariant() : port, node, map.PathOf(key));
        return port;
    }

    /// <summary>A Bluetooth device address, returned upper case.</summary>
    public static string BleAddress(MappingReader map, string key)
    {
        var mac = map.RequiredString(key);
        if (mac.Length == 0 || map.Find(key) is not { } node)
        {
            return mac;
        }

        if (!MacPattern().IsMatch(mac))
        {
            map.Context.Error(node, map.PathOf(key), $"must be a Bluetooth address like AA:BB:CC:DD:EE:FF, got {ConfigText.Quote(mac)}");
            return mac;
        }

        var normalized = mac.ToUpperInvariant();
        map.Context.Claims.BleAddress(normalized, node, map.PathOf(key));
        return normalized;
    }

    /// <summary>A required host name or address: no scheme, path or spaces (the port has its own key).</summary>
    public static string HostName(MappingReader map, string key = "host")
    {
        var host = map.RequiredString(key);
        if (host.Contains("://", StringComparison.Ordinal) || host.Any(char.IsWhiteSpace) || host.Contains('/'))
        {
            map.Error(key, $"must be a host name or address (no scheme, path or spaces; the port goes in 'port'), got {ConfigText.Quote(host)}");
        }

        return host;
    }

    public static bool IsAdapterName(string text) => AdapterPattern().IsMatch(text);

    public static void RequireAdapterName(MappingReader map, string key, string adapter, YamlNode? node)
    {
        if (node is not null && !IsAdapterName(adapter))
        {
            map.Context.Error(node, map.PathOf(key), $"must be a BlueZ adapter name like hci0, got {ConfigText.Quote(adapter)}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex PackNamePattern();

    [GeneratedRegex("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$")]
    private static partial Regex MacPattern();

    [GeneratedRegex("^hci[0-9]{1,3}$")]
    private static partial Regex AdapterPattern();
}
