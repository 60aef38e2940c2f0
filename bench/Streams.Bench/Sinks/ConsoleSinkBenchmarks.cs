using System.Reactive.Concurrency;
using System.Text;
using BenchmarkDotNet.Attributes;
using Streams.Bench.HomeAssistant;
using Streams.HomeAssistant;
using Streams.Sinks;

namespace Streams.Bench.Sinks;

/// <summary>
/// The console sink writing one state line (~3 KB) to /dev/null: through a writer that flushes every
/// line (what Console.Out does), and through <see cref="BufferedLineWriter"/> (flushes within 100 ms).
/// </summary>
[MemoryDiagnoser]
public class ConsoleSinkBenchmarks
{
    private readonly List<IDisposable> _open = [];
    private OutboundMessage _message = null!;
    private ConsoleMessageSink _flushingEveryLine = null!;
    private ConsoleMessageSink _buffered = null!;

    [GlobalSetup]
    public void Setup()
    {
        var reading = SniffedReadings.Take(1)[0];
        _message = new OutboundMessage("streams/pack1/state", StatePayload.Build(reading), retain: true);
        var everyLine = DevNull(autoFlush: true);
        _flushingEveryLine = new ConsoleMessageSink(everyLine);
        var buffered = new BufferedLineWriter(DevNull(autoFlush: false), TimeSpan.FromMilliseconds(100), TaskPoolScheduler.Default);
        _open.Add(buffered);
        _buffered = new ConsoleMessageSink(buffered);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Last opened first: the buffered writer flushes into its stream when disposed.
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            _open[i].Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    public void FlushEveryLine() => _flushingEveryLine.Publish(_message);

    [Benchmark]
    public void Buffered() => _buffered.Publish(_message);

    private StreamWriter DevNull(bool autoFlush)
    {
        var writer = new StreamWriter(new FileStream("/dev/null", FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1), new UTF8Encoding(false), 64 * 1024) { AutoFlush = autoFlush };
        _open.Add(writer);
        return writer;
    }
}
