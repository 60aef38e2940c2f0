using Streams.Config.Model;
using Streams.Core;
using Streams.Mqtt;

namespace Streams.Config.Loading;

/// <summary>Reads <c>mqtt:</c>. The seed's keys (host, port, username, password, discovery_prefix) are a subset.</summary>
internal static class MqttSectionReader
{
    private const int PlainPort = 1883;
    private const int TlsPort = 8883;

    private static readonly KeyValuePair<string, DiscoveryMode>[] DiscoveryModes =
    [
        new("device", DiscoveryMode.Device),
        new("entity", DiscoveryMode.Entity),
    ];

    private static readonly KeyValuePair<string, MqttProtocol>[] Protocols =
    [
        new("3.1.1", MqttProtocol.V311),
        new("5", MqttProtocol.V5),
    ];

    public static MqttConfig Read(MappingReader map)
    {
        var host = Host(map);
        var tls = map.Mapping("tls") is { } tlsMap ? ReadTls(tlsMap) : null;
        var port = map.Integer("port", tls is null ? PlainPort : TlsPort, 1, ushort.MaxValue);
        var username = map.String("username") is { Length: > 0 } user ? user : null;
        var password = Password(map);
        if (password is not null && username is null)
        {
            // MQTT 3.1.1 forbids a password without a user name [MQTT-3.1.2-22]; brokers drop the connection.
            map.Error(map.Find("password") is null ? "password_file" : "password", "needs a username as well (MQTT sends no password without a user name)");
        }

        var discoveryPrefix = Topic(map, "discovery_prefix", "homeassistant");
        var baseTopic = Topic(map, "base_topic", "streams");
        if (string.Equals(discoveryPrefix, baseTopic, StringComparison.Ordinal))
        {
            map.Warning("base_topic", "is the same as discovery_prefix; keeping states apart from discovery makes ACLs and cleanup simpler");
        }

        var config = new MqttConfig(
            Host: host,
            Port: port,
            Username: username,
            Password: password,
            ClientId: ClientId(map),
            KeepAlive: KeepAlive(map),
            DiscoveryPrefix: discoveryPrefix,
            BaseTopic: baseTopic,
            Discovery: map.Choice("discovery", DiscoveryMode.Device, DiscoveryModes),
            Tls: tls,
            Protocol: map.Choice("protocol", MqttProtocol.V311, Protocols));
        map.ReportUnknownKeys();
        return config;
    }

    private static string Host(MappingReader map)
    {
        var host = map.RequiredString("host");
        if (host.Contains("://", StringComparison.Ordinal) || host.Any(char.IsWhiteSpace) || host.Contains('/'))
        {
            map.Error("host", $"must be a host name or address (no scheme, path or spaces; the port goes in 'port'), got {ConfigText.Quote(host)}");
        }

        return host;
    }

    private static Secret? Password(MappingReader map)
    {
        var inline = map.String("password");
        var file = map.NonEmptyString("password_file");
        if (inline is not null && file is not null)
        {
            map.Error("password_file", "cannot be combined with password; give only one of them");
            return null;
        }

        if (file is not null)
        {
            return ReadPasswordFile(map, map.Context.ResolvePath(file));
        }

        return inline is { Length: > 0 } ? new Secret(inline) : null;
    }

    private static Secret? ReadPasswordFile(MappingReader map, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            map.Error("password_file", $"cannot read {ConfigText.Quote(path)}: {Reason(error)}");
            return null;
        }

        var password = text.TrimEnd('\r', '\n');
        if (password.Length == 0)
        {
            map.Error("password_file", $"{ConfigText.Quote(path)} is empty");
            return null;
        }

        return new Secret(password);
    }

    private static string Reason(Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => error.Message,
    };

    private static string ClientId(MappingReader map)
    {
        var clientId = map.NonEmptyString("client_id") ?? "streams";
        if (clientId.Length > 256 || clientId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            map.Error("client_id", $"must be at most 256 characters without spaces or control characters, got {ConfigText.Quote(clientId)}");
        }

        return clientId;
    }

    private static TimeSpan KeepAlive(MappingReader map)
    {
        var keepAlive = map.Duration("keepalive", Limits.DefaultKeepAlive, Limits.MinKeepAlive, Limits.MaxKeepAlive);
        if (keepAlive.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            map.Error("keepalive", $"must be whole seconds (MQTT counts keepalive in seconds), got {DurationText.Format(keepAlive)}");
            return Limits.DefaultKeepAlive;
        }

        return keepAlive;
    }

    /// <summary>A topic prefix: levels separated by '/', no wildcards, no empty level, not starting with '$'.</summary>
    private static string Topic(MappingReader map, string key, string fallback)
    {
        var topic = map.NonEmptyString(key) ?? fallback;
        string? problem = topic switch
        {
            _ when topic.Contains('+') || topic.Contains('#') => "must not contain the wildcards '+' or '#'",
            _ when topic.StartsWith('$') => "must not start with '$' (reserved for the broker)",
            _ when topic.StartsWith('/') || topic.EndsWith('/') || topic.Contains("//", StringComparison.Ordinal) => "must not start or end with '/' or contain an empty level",
            _ when topic.Any(char.IsControl) => "must not contain control characters",
            _ => null,
        };
        if (problem is not null)
        {
            map.Error(key, $"{problem}, got {ConfigText.Quote(topic)}");
        }

        return topic;
    }

    private static MqttTlsConfig ReadTls(MappingReader map)
    {
        var caFile = ExistingFile(map, "ca_file");
        var certFile = ExistingFile(map, "cert_file");
        var keyFile = ExistingFile(map, "key_file");
        if ((map.Find("cert_file") is null) != (map.Find("key_file") is null))
        {
            map.Error(map.Find("cert_file") is null ? "key_file" : "cert_file", "cert_file and key_file go together (mutual TLS needs both)");
        }

        var config = new MqttTlsConfig(caFile, certFile, keyFile, Insecure: map.Boolean("insecure", fallback: false));
        map.ReportUnknownKeys();
        return config;
    }

    private static string? ExistingFile(MappingReader map, string key)
    {
        var path = map.FilePath(key);
        if (path is not null && !File.Exists(path))
        {
            map.Error(key, $"file {ConfigText.Quote(path)} does not exist");
        }

        return path;
    }
}
