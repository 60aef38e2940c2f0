using System.Text.Json;

namespace Streams.Tests.Support;

/// <summary>
/// Loads tests/vectors/frames.json from the test output folder (the test project links it as
/// vectors/frames.json). A missing file fails the test that needs it, with the path it looked at.
/// </summary>
internal static class FrameVectors
{
    private static readonly Lazy<IReadOnlyDictionary<string, FrameVector>> All = new(Load);

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "vectors", "frames.json");

    public static IReadOnlyDictionary<string, FrameVector> ById => All.Value;

    public static FrameVector Get(string id) =>
        ById.TryGetValue(id, out var vector)
            ? vector
            : throw new KeyNotFoundException($"vector '{id}' is not in {FilePath}");

    private static IReadOnlyDictionary<string, FrameVector> Load()
    {
        if (!File.Exists(FilePath))
        {
            throw new FileNotFoundException(
                $"test vectors missing: {FilePath} does not exist. The test projects copy tests/vectors/frames.json "
                + "next to the binaries; make sure that file exists and rebuild.",
                FilePath);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        return document.RootElement.GetProperty("vectors").EnumerateArray()
            .Select(v => new FrameVector(
                v.GetProperty("id").GetString()!,
                v.GetProperty("protocol").GetString()!,
                v.GetProperty("kind").GetString()!,
                v.GetProperty("hex").GetString()!,
                v.GetProperty("expected").Clone(),
                v.GetProperty("source").GetString()!))
            .ToDictionary(v => v.Id);
    }
}
