using System.Text.Json;
using Streams.IntegrationTests.Support;

namespace Streams.IntegrationTests.Esphome;

/// <summary>What the CLI prints on its console sink (<c>topic payload</c> per line), read as the state of one pack.</summary>
internal static class BridgeLines
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    /// <summary>The next state line of <paramref name="pack"/> whose payload satisfies <paramref name="match"/>, parsed.</summary>
    public static async Task<JsonElement> NextStateAsync(this ChildProcess bridge, string pack, Func<JsonElement, bool> match, string what)
    {
        var prefix = $"streams/{pack}/state ";
        var line = await bridge.WaitForLineAsync(l => l.StartsWith(prefix, StringComparison.Ordinal) && match(Parse(l[prefix.Length..])), Wait, what);
        return Parse(line[prefix.Length..]);
    }

    public static Task<JsonElement> NextStateAsync(this ChildProcess bridge, string pack, string what) =>
        bridge.NextStateAsync(pack, static _ => true, what);

    /// <summary>The next state line of <paramref name="pack"/> with <paramref name="field"/> = <paramref name="value"/>.</summary>
    public static Task<JsonElement> NextStateWithAsync(this ChildProcess bridge, string pack, string field, double value, string what) =>
        bridge.NextStateAsync(pack, state => state.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() == value, what);

    private static JsonElement Parse(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.Clone();
    }
}
