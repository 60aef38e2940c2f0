namespace Streams.IntegrationTests.Cli;

/// <summary>A bridge configuration for the CLI broker tests: its sources (by default one simulated EG4-LL pack "garage") and a broker.</summary>
internal static class BrokerConfigFile
{
    /// <summary>The default sources: one simulated EG4-LL pack "garage" at address 1, polled every second.</summary>
    public const string SimulatedGarage = """
        sources:
          - kind: simulator
            device: eg4-ll
            poll_interval: 1s
            packs:
              - name: garage
                address: 1
        """;

    /// <summary>A sniffer for <c>--replay</c> that knows pack 1 as "garage" (its port is never opened by a replay).</summary>
    public const string SniffedGarage = """
        sources:
          - kind: sniffer
            port: /dev/ttyUSB-missing
            packs:
              - name: garage
                address: 1
        """;

    /// <param name="mqttExtra">More keys of the <c>mqtt:</c> section, one per line, indented by two spaces after the first.</param>
    /// <param name="sources">The <c>sources:</c> section; <see cref="SimulatedGarage"/> when null.</param>
    public static async Task<string> WriteAsync(DirectoryInfo directory, int port, string clientId, string mqttExtra = "", string? sources = null)
    {
        var path = Path.Combine(directory.FullName, $"{clientId}.yaml");
        await File.WriteAllTextAsync(path, (sources ?? SimulatedGarage) + "\n" + $"""
            mqtt:
              host: 127.0.0.1
              port: {port}
              client_id: {clientId}
              {mqttExtra}
            """);
        return path;
    }
}
