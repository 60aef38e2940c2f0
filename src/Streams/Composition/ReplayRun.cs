using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Serilog;
using Streams.Config.Model;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Framing;
using Streams.Sinks;
using Streams.Transports.Capture;

namespace Streams.Composition;

/// <summary><c>--replay FILE</c>: a capture of raw bus bytes through the sniffer and the sinks, as fast as it goes.</summary>
public static class ReplayRun
{
    /// <exception cref="CaptureFileException">The file became unreadable midway (a one-line message).</exception>
    public static async Task<ReplaySummary> RunAsync(
        ReplayFile file,
        StreamsConfig config,
        IReadingSink sink,
        ILogger log,
        IProgress<ReplayProgress>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(file);
        var counters = new SnifferCounters();
        var naming = NamingFrom(config);
        var packs = new SortedSet<string>(StringComparer.Ordinal);
        var clock = Scheduler.Default;
        var watch = Stopwatch.StartNew();

        await file.Read(NewThreadScheduler.Default, progress)
            .FrameModbusRtu(ModbusScanOptions.Sniffing, counters.Framing)
            .TraceFrames(log, "replay")
            .PairReads(counters, clock)
            .DecodeSniffedReads(naming, log, clock)
            .Do(reading =>
            {
                sink.Publish(reading);
                packs.Add(reading.Device.Name);
            })
            .LastOrDefaultAsync()
            .ToTask(cancellation);

        return new ReplaySummary(file.Length, counters.Snapshot(), counters.Framing.Frames, [.. packs], watch.Elapsed);
    }

    /// <summary>Addresses named by the sniffer sources, else by any source's packs (a capture of a polled bus).</summary>
    internal static SnifferNaming NamingFrom(StreamsConfig config)
    {
        var names = new Dictionary<byte, string>();
        var sniffers = config.Sources.OfType<SnifferSourceConfig>().SelectMany(s => s.Packs);
        var others = config.Sources.SelectMany(PacksOf);
        foreach (var pack in sniffers.Concat(others))
        {
            if (pack.Address is > 0 and <= byte.MaxValue)
            {
                names.TryAdd((byte)pack.Address, pack.Name);
            }
        }

        return new SnifferNaming(names);
    }

    private static IEnumerable<PackConfig> PacksOf(SourceConfig source) => source switch
    {
        Eg4ModbusSourceConfig modbus => modbus.Packs,
        SimulatorSourceConfig simulator => simulator.Packs,
        _ => [],
    };
}
