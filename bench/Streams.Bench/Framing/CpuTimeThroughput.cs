using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Transports.Capture;

namespace Streams.Bench.Framing;

/// <summary>
/// The framing figures in MB per second of this process's CPU time rather than wall-clock time:
/// on a machine shared with other jobs a wall-clock benchmark measures the neighbours, CPU time
/// measures the code. Best of seven rounds of 30 operations each (CPU time ticks in ~10 ms steps).
/// </summary>
internal static class CpuTimeThroughput
{
    private const int Size = 1 << 20;
    private const int Repeats = 30;

    public static void Run()
    {
        var traffic = new (string Name, byte[] Bytes)[]
        {
            ("clean", BusTraffic.Clean(Size)),
            ("noise", BusTraffic.Noise(Size)),
            ("corrupted 10 %", BusTraffic.Corrupted(Size, 0.10)),
        };

        Report("CRC-16/MODBUS, 1 MiB", Size, () => ModbusCrc16.Compute(traffic[1].Bytes));
        foreach (var (name, bytes) in traffic)
        {
            Report($"scanner, {name}", Size, () => Scan(bytes));
        }

        foreach (var (name, bytes) in traffic)
        {
            var chunks = Enumerable.Range(0, Size / 4096).Select(i => (ReadOnlyMemory<byte>)bytes.AsMemory(i * 4096, 4096)).ToArray();
            Report($"FrameModbusRtu operator, {name}", Size, () => chunks.ToObservable(ImmediateScheduler.Instance).FrameModbusRtu().Subscribe(_ => { }).Dispose());
        }

        var path = Path.Combine(Path.GetTempPath(), "streams-bench-capture-100MB.bin");
        if (File.Exists(path))
        {
            var replay = ReplayFile.Open(path);
            Report("replay + framing + pairing, 100 MB capture", replay.Length, () =>
                replay.Read(ImmediateScheduler.Instance).FrameModbusRtu().PairReads().Subscribe(_ => { }).Dispose(), repeats: 1, rounds: 3);
        }
        else
        {
            Console.WriteLine($"{path} is missing: run ReplaySniffBenchmarks once to generate it.");
        }
    }

    private static int Scan(byte[] bytes)
    {
        var frames = 0;
        ReadOnlySpan<byte> rest = bytes;
        while (ModbusRtuScanner.TryRead(rest, endOfStream: true, out var consumed, out _, out _))
        {
            frames++;
            rest = rest[consumed..];
        }

        return frames;
    }

    private static void Report(string name, long bytes, Action operation, int repeats = Repeats, int rounds = 7)
    {
        operation();
        var best = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var start = CpuTime();
            for (var i = 0; i < repeats; i++)
            {
                operation();
            }

            best = Math.Min(best, (CpuTime() - start).TotalSeconds);
        }

        Console.WriteLine($"{name,-50} {repeats * bytes / best / 1e6,8:N0} MB per CPU-second");
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
