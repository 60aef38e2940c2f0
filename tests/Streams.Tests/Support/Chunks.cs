using System.Reactive.Linq;

namespace Streams.Tests.Support;

/// <summary>Cuts byte streams into chunks the way serial reads and BLE notifications do.</summary>
internal static class Chunks
{
    /// <summary><paramref name="bytes"/> cut before each offset in <paramref name="cuts"/> (any order, out-of-range ignored).</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> CutAt(byte[] bytes, IEnumerable<int> cuts)
    {
        var points = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length);
        var chunks = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        foreach (var end in points)
        {
            // Each chunk is its own array, as a real reader would hand over.
            chunks.Add(bytes.AsSpan(start, end - start).ToArray());
            start = end;
        }

        return chunks;
    }

    public static IReadOnlyList<ReadOnlyMemory<byte>> OfSize(byte[] bytes, int size) =>
        CutAt(bytes, Enumerable.Range(1, bytes.Length / size).Select(i => i * size));

    public static IObservable<ReadOnlyMemory<byte>> ToObservable(this IEnumerable<ReadOnlyMemory<byte>> chunks) =>
        Observable.ToObservable(chunks);

    public static IObservable<ReadOnlyMemory<byte>> AsOneChunk(byte[] bytes) =>
        Observable.Return<ReadOnlyMemory<byte>>(bytes);
}
