namespace Streams.IntegrationTests.Cli;

/// <summary>A bridge configuration for the CLI broker tests: one simulated EG4-LL pack, polled every second, and a broker.</summary>
internal static class BrokerConfigFile
{
    /// <param name="clientId">The client id, which also names the file; null leaves it to the default (base topic and host).</param>
    /// <param name="mqttExtra">More keys of the <c>mqtt:</c> section, one per line, indented by two spaces after the first.</param>
    /// <param name="pack">The simulated pack's name.</param>
    /// <param name="file">The file name; by default the client id's.</param>
    public static async Task<string> WriteAsync(DirectoryInfo directory, int port, string? clientId, string mqttExtra = "", string pack = "garage", string? file = null)
    {
        var path = Path.Combine(directory.FullName, file ?? $"{clientId}.yaml");
        var clientIdLine = clientId is null ? string.Empty : $"client_id: {clientId}";
        await File.WriteAllTextAsync(path, $"""
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 1s
                packs:
                  - name: {pack}
                    address: 1
            mqtt:
              host: 127.0.0.1
              port: {port}
              {clientIdLine}
              {mqttExtra}
            """);
        return path;
    }
}
