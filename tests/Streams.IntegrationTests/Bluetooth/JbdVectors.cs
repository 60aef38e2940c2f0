using System.Text.Json;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>tests/vectors/frames.json (linked next to the binaries as vectors/frames.json): real frames and their stated values.</summary>
internal static class JbdVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", "frames.json");
        return File.Exists(path)
            ? JsonDocument.Parse(File.ReadAllText(path))
            : throw new FileNotFoundException($"test vectors missing: {path}; the project links tests/vectors/frames.json there", path);
    });

    public static JsonElement Get(string id) =>
        Document.Value.RootElement.GetProperty("vectors").EnumerateArray().FirstOrDefault(v => v.GetProperty("id").GetString() == id) is
        { ValueKind: JsonValueKind.Object } vector
            ? vector
            : throw new KeyNotFoundException($"vector '{id}' is not in frames.json");

    public static string Hex(string id) => Get(id).GetProperty("hex").GetString()!;

    public static JsonElement Expected(string id) => Get(id).GetProperty("expected");
}
