using System.Text.Json;

namespace Streams.Tests.Support;

/// <summary>The real frames of tests/vectors/frames.json, looked up by vector id.</summary>
internal static class FramingVectors
{
    private static readonly Lazy<Dictionary<string, JsonElement>> All = new(Load);

    public static byte[] Bytes(string id) => Convert.FromHexString(Vector(id).GetProperty("hex").GetString()!);

    public static JsonElement Expected(string id) => Vector(id).GetProperty("expected");

    /// <summary>The ids of every vector of <paramref name="protocol"/> (optionally of one kind).</summary>
    public static IReadOnlyList<string> Ids(string protocol, string? kind = null) =>
        All.Value.Values
            .Where(v => v.GetProperty("protocol").GetString() == protocol
                && (kind is null || v.GetProperty("kind").GetString() == kind))
            .Select(v => v.GetProperty("id").GetString()!)
            .ToList();

    public static JsonElement Vector(string id) =>
        All.Value.TryGetValue(id, out var vector)
            ? vector
            : throw new InvalidOperationException($"frames.json has no vector '{id}'.");

    private static Dictionary<string, JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", "frames.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: the test project copies tests/vectors/frames.json next to the tests.");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray()
            .ToDictionary(v => v.GetProperty("id").GetString()!, v => v.Clone());
    }
}
