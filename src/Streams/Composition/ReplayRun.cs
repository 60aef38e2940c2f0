using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Serilog;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Devices.Modbus.Sniffing;
using Streams.Sinks;
using Streams.Transports.Capture;

namespace Streams.Composition;

/// <summary><c>--replay FILE</c>: a capture of raw bus bytes through the sniffer and the sinks, as fast as it goes.</summary>
internal static class ReplayRun
{
    /// <summary>
    /// Bytes read at a time. The readings of one chunk cross to the publisher together, so this sets
    /// how often the two threads meet: about 40 readings of a polled EG4 bus per chunk.
    /// </summary>
    public const int ChunkSize = 4096;

    /// <summary>Chunks' readings decoded ahead of the sink at most: the reader waits beyond that (a file is read no faster than it is published).</summary>
    public const int ChunksInFlight = 4;

    /// <param name="file">The capture.</param>
    /// <param name="config">Names the slaves heard (sniffer sources first, then any Modbus packs).</param>
    /// <param name="sink">Where the readings go.</param>
    /// <param name="log">Decode problems, first sightings, and frames at debug level.</param>
    /// <param name="progress">Told bytes read / total, or null.</param>
    /// <param name="reader">Runs the read loop and the decoding, as fast as it goes (a background thread in production).</param>
    /// <param name="publisher">Hands each reading to the sink (a second thread in production, so that decoding the next reads overlaps publishing this one; at most <see cref="ChunksInFlight"/> chunks' readings wait for it).</param>
    /// <param name="clock">Stamps the readings.</param>
    /// <param name="cancellation">Stops the replay midway.</param>
    /// <param name="afterReading">Called on the publishing thread after each reading went to the sink; may block it (backpressure).</param>
    /// <exception cref="CaptureFileException">The file became unreadable midway (a one-line message).</exception>
    public static async Task<ReplaySummary> RunAsync(
        ReplayFile file,
        StreamsConfig config,
        IReadingSink sink,
        ILogger log,
        IProgress<ReplayProgress>? progress,
        IScheduler reader,
        IScheduler publisher,
        IScheduler clock,
        CancellationToken cancellation,
        Action<CancellationToken>? afterReading = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(file);
        var options = new SnifferOptions(SnifferNames.Of(config), SnifferKind.NewMap, log) { TraceAs = "replay" };
        var packs = new SortedSet<string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();

        long bytes = 0;
        using var room = new ReplayRoom(ChunksInFlight);
        // Also ends a reader waiting for room when the publishing side failed or was cancelled.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            await file.Read(reader, progress, ChunkSize)
                .Do(chunk => bytes += chunk.Length)
                .SniffReadingsPerChunk(options, clock)
                .Where(readings => readings.Count > 0)
                .Do(_ => room.Take(ended.Token))
                .ObserveOn(publisher)
                .Do(readings =>
                {
                    foreach (var reading in readings)
                    {
                        sink.Publish(reading);
                        packs.Add(reading.Device.Name);
                        afterReading?.Invoke(cancellation);
                    }

                    room.Release();
                })
                .LastOrDefaultAsync()
                .ToTask(cancellation);
        }
        finally
        {
            await ended.CancelAsync();
        }

        var counters = options.Counters;
        return new ReplaySummary(bytes, counters.Snapshot(), counters.Framing.Frames, [.. packs], watch.Elapsed);
    }
}
