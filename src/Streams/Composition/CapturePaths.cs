using Streams.Composition.Kinds;
using Streams.Config.Model;

namespace Streams.Composition;

/// <summary>
/// Where <c>--capture FILE</c> writes for each source. One serial source writes FILE itself; with
/// several, each gets FILE with its port's name inserted (<c>bus.ttyUSB0.bin</c>; a simulator: its
/// first pack's name), because bytes of two ports interleaved in one file could never be replayed.
/// </summary>
internal static class CapturePaths
{
    public static Func<SourceConfig, string?> For(string? capture, IReadOnlyList<SourceConfig> sources)
    {
        if (capture is null)
        {
            return static _ => null;
        }

        var serial = sources.Where(source => PortOf(source) is not null).ToList();
        if (serial.Count <= 1)
        {
            return _ => capture;
        }

        var directory = Path.GetDirectoryName(capture) ?? string.Empty;
        var stem = Path.GetFileNameWithoutExtension(capture);
        var extension = Path.GetExtension(capture);
        return source => PortOf(source) is { } port
            ? Path.Combine(directory, $"{stem}.{Path.GetFileName(port)}{extension}")
            : null;
    }

    private static string? PortOf(SourceConfig source) => SourceKinds.For(source).CaptureName(source);
}
