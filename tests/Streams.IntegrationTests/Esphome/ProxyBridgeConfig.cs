namespace Streams.IntegrationTests.Esphome;

/// <summary>Bridge configurations for the CLI tests: <c>jbd-ble</c> sources <c>via: esphome</c> at a <see cref="FakeEsphomeProxy"/>, the key in a file.</summary>
internal sealed class ProxyBridgeConfig(DirectoryInfo directory)
{
    private readonly List<string> _sources = [];

    /// <summary>Adds a source named <paramref name="name"/> for the BMS <paramref name="mac"/> through the proxy at <paramref name="port"/>, polled every second.</summary>
    /// <param name="key">The base64 key to give (written to a file); null for a plaintext source.</param>
    /// <param name="extra">More keys, one per line, without indentation.</param>
    public ProxyBridgeConfig Source(string name, int port, string? key, string mac = FakeEsphomeProxy.BmsMac, string extra = "")
    {
        var keyLine = key is null ? string.Empty : $"\n    encryption_key_file: {KeyFile(name, key)}";
        var extraLines = string.Concat(extra.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => $"\n    {line}"));
        _sources.Add($"""
              - kind: jbd-ble
                mac: "{mac}"
                name: {name}
                via: esphome
                host: 127.0.0.1
                port: {port}{keyLine}
                poll_interval: 1s
                timeout: 3s{extraLines}
            """);
        return this;
    }

    /// <summary>Writes the file; with <paramref name="brokerPort"/>, a <c>mqtt:</c> section for the broker on loopback.</summary>
    public async Task<string> WriteAsync(int? brokerPort = null, string clientId = "streams-esphome-test")
    {
        var path = Path.Combine(directory.FullName, "streams.yaml");
        var mqtt = brokerPort is { } port ? $"\nmqtt:\n  host: 127.0.0.1\n  port: {port}\n  client_id: {clientId}\n" : "\n";
        await File.WriteAllTextAsync(path, "sources:\n" + string.Join("\n", _sources) + mqtt);
        return path;
    }

    private string KeyFile(string name, string key)
    {
        var path = Path.Combine(directory.FullName, $"{name}.key");
        File.WriteAllText(path, key + "\n");
        return path;
    }
}
