using System.Diagnostics;
using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text;
using Serilog.Core;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Devices.Modbus.Sniffing;
using Streams.HomeAssistant;
using Streams.Sinks;
using Streams.Transports.Capture;

namespace Streams.Bench.Framing;

/// <summary>
/// <c>--replay-stages CAPTURE</c>: where the per-reading time of a replay goes. The capture runs
/// three times, each stage adding one step of the <c>--replay</c> path: decoding into readings;
/// plus the Home Assistant publisher (state documents) into a sink that drops them; plus the
/// console sink's <c>topic payload</c> lines into a buffered writer over <see cref="Stream.Null"/>.
/// Reported: CPU seconds of this process per stage, microseconds per reading, and bytes allocated
/// per reading (all threads, the best round's) with the gen0 collections they caused.
/// </summary>
internal static class ReplayStages
{
    public static void Run(string capture)
    {
        var config = Configuration.LoadFromText("sources:\n  - kind: sniffer\n    port: /dev/null\n    baud: 19200\n", "bench").Config!;
        var bytes = new FileInfo(capture).Length;
        Console.WriteLine($"{capture}: {bytes / 1e6:0} MB; CPU seconds of this process per stage (best of 3)");
        Measure("decode", bytes, () => Replay(capture, config, null));
        Measure("+ publisher", bytes, () => Replay(capture, config, new DiscardingMessageSink()));
        Measure("+ console", bytes, () =>
        {
            using var writer = new Utf8StreamWriter(Stream.Null);
            using var lines = new BufferedLineWriter(writer, TimeSpan.FromMilliseconds(100), DefaultScheduler.Instance);
            return Replay(capture, config, new ConsoleMessageSink(new ConsoleOutput(lines)));
        });
    }

    /// <summary><c>--replay-allocations CAPTURE</c>: the types a replay through the console sink allocates, per reading (sampled).</summary>
    public static void Allocations(string capture)
    {
        var config = Configuration.LoadFromText("sources:\n  - kind: sniffer\n    port: /dev/null\n    baud: 19200\n", "bench").Config!;
        var readings = Replay(capture, config, null);
        foreach (var (stage, sink) in new (string, Func<IMessageSink?>)[] { ("decode", () => null), ("+ publisher", () => new DiscardingMessageSink()) })
        {
            Console.WriteLine(stage);
            AllocationTypes.Report(() => Replay(capture, config, sink()), readings);
        }
    }

    private static long Replay(string capture, Streams.Config.Model.StreamsConfig config, IMessageSink? sink)
    {
        var options = new SnifferOptions(SnifferNames.Of(config), SnifferKind.NewMap, Logger.None);
        using var publisher = sink is null ? null : HomeAssistantSetup.ForConsole(config, sink, ImmediateScheduler.Instance, Logger.None);
        using var session = publisher?.Start();
        long readings = 0;
        using (ReplayFile.Open(capture).Read(ImmediateScheduler.Instance).SniffReadings(options, ImmediateScheduler.Instance)
            .Subscribe(reading =>
            {
                publisher?.Publish(reading);
                readings++;
            }))
        {
        }

        return readings;
    }

    private static void Measure(string stage, long bytes, Func<long> run)
    {
        var best = TimeSpan.MaxValue;
        long readings = 0;
        long allocated = 0;
        var collections = 0;
        for (var round = 0; round < 3; round++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var collectionsBefore = GC.CollectionCount(0);
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            readings = run();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
            if (cpu < best)
            {
                best = cpu;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                collections = GC.CollectionCount(0) - collectionsBefore;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stage,-12} {best.TotalSeconds,7:0.00} s  {bytes / 1e6 / best.TotalSeconds,6:0.0} MB/CPU-s  {best.TotalMicroseconds / readings,6:0.0} µs/reading  {allocated / readings,6} B/reading  {collections,4} gen0  ({readings} readings)"));
    }
}
