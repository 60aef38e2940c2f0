using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Transports.Esphome;

namespace Streams.Composition.Kinds;

/// <summary>
/// How a BLE source reaches its device: <c>via: bluez</c> (the default) with <c>adapter</c>, or
/// <c>via: esphome</c> with the proxy's <c>host</c>, <c>port</c>, <c>encryption_key</c> (or
/// <c>encryption_key_file</c>) and the legacy <c>api_password</c>. A key of the other route is an
/// error, so a half-edited source never silently uses the wrong radio.
/// </summary>
internal static class BleRouteFields
{
    public const string DefaultAdapter = "hci0";

    private static readonly KeyValuePair<string, Route?>[] Routes =
    [
        new("bluez", Route.BlueZ),
        new("esphome", Route.Esphome),
    ];

    private static readonly string[] ProxyKeys = ["host", "port", "encryption_key", "encryption_key_file", "api_password", "api_password_file"];

    private enum Route
    {
        BlueZ,
        Esphome,
    }

    /// <summary>The BlueZ adapter (the default when the source uses a proxy) and the proxy, null for BlueZ.</summary>
    public static (string Adapter, EsphomeProxyConfig? Proxy) Read(MappingReader map)
    {
        var route = map.Choice<Route?>("via", map.Find("via") is null ? Route.BlueZ : null, Routes);
        switch (route)
        {
            case Route.BlueZ:
                foreach (var key in ProxyKeys.Where(map.HasKey))
                {
                    map.Error(key, "applies only to via: esphome (this source uses the local BlueZ adapter); add via: esphome or remove it");
                }

                var adapter = map.NonEmptyString("adapter") ?? DefaultAdapter;
                NameRules.RequireAdapterName(map, "adapter", adapter, map.Find("adapter"));
                return (adapter, null);
            case Route.Esphome:
                if (map.HasKey("adapter"))
                {
                    map.Error("adapter", "applies only to via: bluez (an ESPHome proxy connects with its own radio); remove it");
                }

                return (DefaultAdapter, Proxy(map));
            default:
                // An unreadable via was reported; the keys of either route are not judged against it.
                map.AcceptAllKeys();
                return (DefaultAdapter, null);
        }
    }

    private static EsphomeProxyConfig Proxy(MappingReader map)
    {
        var host = NameRules.HostName(map);
        var proxy = new EsphomeProxyConfig(
            host,
            map.Integer("port", EsphomeProxyConfig.DefaultPort, 1, ushort.MaxValue),
            map.Secret("encryption_key", KeyProblem),
            map.Secret("api_password"));
        if (host.Length > 0 && map.Find("host") is { } node)
        {
            map.Context.Claims.ProxySettings(proxy.Endpoint, (proxy.EncryptionKey, proxy.ApiPassword), node, map.PathOf("host"));
        }

        return proxy;
    }

    /// <summary>Why the text is not an ESPHome API key, without repeating it; null when it is one.</summary>
    private static string? KeyProblem(string text)
    {
        try
        {
            _ = EsphomeEndpoint.DecodeKey(text);
            return null;
        }
        catch (FormatException wrong)
        {
            return wrong.Message;
        }
    }
}
