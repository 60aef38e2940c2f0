namespace Streams.IntegrationTests.Cli;

/// <summary>A bridge configuration for the CLI broker tests: one simulated EG4-LL pack "garage", polled every second, and a broker.</summary>
internal static class BrokerConfigFile
{
    /// <param name="mqttExtra">More keys of the <c>mqtt:</c> section, one per line, indented by two spaces after the first.</param>
    public static async Task<string> WriteAsync(DirectoryInfo directory, int port, string clientId, string mqttExtra = "")
    {
        var path = Path.Combine(directory.FullName, $"{clientId}.yaml");
        await File.WriteAllTextAsync(path, $"""
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 1s
                packs:
                  - name: garage
                    address: 1
            mqtt:
              host: 127.0.0.1
              port: {port}
              client_id: {clientId}
              {mqttExtra}
            """);
        return path;
    }
}
