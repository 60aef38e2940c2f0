namespace Streams.IntegrationTests.Cli;

/// <summary>A bridge configuration for the CLI broker tests: its sources (by default one simulated EG4-LL pack, polled every second) and a broker.</summary>
internal static class BrokerConfigFile
{
    /// <summary>A sniffer for <c>--replay</c> that knows pack 1 as "garage" (its port is never opened by a replay).</summary>
    public const string SniffedGarage = """
        sources:
          - kind: sniffer
            port: /dev/ttyUSB-missing
            packs:
              - name: garage
                address: 1
        """;

    /// <summary>The default sources: one simulated EG4-LL pack named <paramref name="pack"/> at address 1, polled every second.</summary>
    public static string SimulatedPack(string pack = "garage") => $"""
        sources:
          - kind: simulator
            device: eg4-ll
            poll_interval: 1s
            packs:
              - name: {pack}
                address: 1
        """;

    /// <param name="clientId">The client id, which also names the file; null leaves it to the default (base topic and host).</param>
    /// <param name="mqttExtra">More keys of the <c>mqtt:</c> section, one per line, indented by two spaces after the first.</param>
    /// <param name="pack">The simulated pack's name (when <paramref name="sources"/> is null).</param>
    /// <param name="file">The file name; by default the client id's.</param>
    /// <param name="sources">The <c>sources:</c> section; <see cref="SimulatedPack"/> when null.</param>
    public static async Task<string> WriteAsync(
        DirectoryInfo directory, int port, string? clientId, string mqttExtra = "", string pack = "garage", string? file = null, string? sources = null)
    {
        var path = Path.Combine(directory.FullName, file ?? $"{clientId}.yaml");
        var clientIdLine = clientId is null ? string.Empty : $"client_id: {clientId}";
        await File.WriteAllTextAsync(path, (sources ?? SimulatedPack(pack)) + "\n" + $"""
            mqtt:
              host: 127.0.0.1
              port: {port}
              {clientIdLine}
              {mqttExtra}
            """);
        return path;
    }
}
