using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>
/// Things only one source may have: a pack name (it becomes an MQTT topic and Home Assistant ids;
/// compared case-insensitively because Home Assistant lower-cases entity ids), a serial port (two
/// readers on one port steal each other's bytes) and a BLE device address. And things every source
/// naming them must agree on: an ESPHome proxy's key and password (one API connection serves them all).
/// </summary>
internal sealed class UniqueClaims(ConfigContext context)
{
    private readonly Dictionary<string, Claim> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Claim> _ports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Claim> _macs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (Claim Claim, object Settings)> _proxies = new(StringComparer.OrdinalIgnoreCase);

    public void PackName(string name, YamlNode node, string path) =>
        Take(_names, name, node, path, first => $"duplicate pack name {ConfigText.Quote(name)}, already used by {first}");

    /// <summary>A bank's name shares the namespace of pack names: both are devices, topics and state files.</summary>
    public void BankName(string name, YamlNode node, string path) =>
        Take(_names, name, node, path, first => $"bank name {ConfigText.Quote(name)} is already used by {first}; a bank needs a name no pack or bank has");

    /// <summary>The pack or bank name claimed as <paramref name="name"/> (compared case-insensitively), as it was written; null when none.</summary>
    public string? ClaimedName(string name) => _names.TryGetValue(name, out var claim) ? claim.Key : null;

    /// <summary>Every name claimed so far, as written, in the order claimed.</summary>
    public IEnumerable<string> ClaimedNames => _names.Values.OrderBy(claim => claim.Order).Select(claim => claim.Key);

    public void SerialPort(string port, YamlNode node, string path) =>
        Take(_ports, port, node, path, first => $"port {ConfigText.Quote(port)} is already used by {first}; one port, one source");

    public void BleAddress(string mac, YamlNode node, string path) =>
        Take(_macs, mac, node, path, first => $"device {mac} is already used by {first}");

    /// <summary>The first source naming <paramref name="endpoint"/> sets its settings; a later one giving others is an error (the secrets are not shown).</summary>
    public void ProxySettings(string endpoint, object settings, YamlNode node, string path)
    {
        if (!_proxies.TryGetValue(endpoint, out var first))
        {
            _proxies[endpoint] = (new Claim(endpoint, path, (int)node.Start.Line, _proxies.Count), settings);
        }
        else if (!Equals(first.Settings, settings))
        {
            context.Error(node, path,
                $"ESPHome proxy {endpoint} is given another encryption_key or api_password at {first.Claim.Path} (line {first.Claim.Line}); every source through one proxy shares its connection, so give them the same");
        }
    }

    private void Take(Dictionary<string, Claim> claims, string key, YamlNode node, string path, Func<string, string> message)
    {
        if (claims.TryGetValue(key, out var first))
        {
            context.Error(node, path, message($"{first.Path} (line {first.Line})"));
            return;
        }

        claims[key] = new Claim(key, path, (int)node.Start.Line, claims.Count);
    }

    private readonly record struct Claim(string Key, string Path, int Line, int Order);
}
