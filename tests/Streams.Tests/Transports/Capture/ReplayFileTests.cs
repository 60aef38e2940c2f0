using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Runtime.InteropServices;
using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Tests.Support;
using Streams.Transports.Capture;
using Xunit;

namespace Streams.Tests.Transports.Capture;

public sealed class ReplayFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void A_missing_file_is_an_error_value_with_a_one_line_message()
    {
        var path = _directory.File("nope.cap");

        ReplayFile.TryOpen(path, out var file, out var error).Should().BeFalse();

        file.Should().BeNull();
        error!.Message.Should().Be($"replay file {path}: open failed: no such file or directory");
        error.Message.Should().NotContain("\n");
        ((Action)(() => ReplayFile.Open(path))).Should().Throw<CaptureFileException>().WithMessage("*no such file*");
    }

    [Fact]
    public void A_directory_is_not_a_capture_file()
    {
        ReplayFile.TryOpen(_directory.Path, out _, out var error).Should().BeFalse();

        error!.Reason.Should().Be("is a directory, not a capture file");
    }

    [Fact]
    public void Replays_the_file_in_owned_chunks_and_reports_progress()
    {
        var path = _directory.File("bus.cap");
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(path, bytes);
        var progress = new RecordingProgress();

        var file = ReplayFile.Open(path);
        var observed = Observed<ReadOnlyMemory<byte>>.Of(file.Read(ImmediateScheduler.Instance, progress, chunkSize: 300));

        file.Length.Should().Be(1000);
        observed.Completed.Should().BeTrue();
        observed.Items.Select(c => c.Length).Should().Equal(300, 300, 300, 100);
        observed.Items.SelectMany(c => c.ToArray()).Should().Equal(bytes);
        progress.Reports.Should().Equal(
            new ReplayProgress(300, 1000), new ReplayProgress(600, 1000), new ReplayProgress(900, 1000), new ReplayProgress(1000, 1000));
        progress.Reports[^1].Fraction.Should().Be(1.0);
    }

    [Fact]
    public void An_empty_file_completes_at_once()
    {
        var path = _directory.File("empty.cap");
        File.WriteAllBytes(path, []);

        var observed = Observed<ReadOnlyMemory<byte>>.Of(ReplayFile.Open(path).Read(ImmediateScheduler.Instance));

        observed.Completed.Should().BeTrue();
        observed.Items.Should().BeEmpty();
    }

    [Fact]
    public void A_file_removed_after_opening_fails_the_replay_with_a_capture_file_error()
    {
        var path = _directory.File("bus.cap");
        File.WriteAllBytes(path, [0x01]);
        var file = ReplayFile.Open(path);
        File.Delete(path);

        var observed = Observed<ReadOnlyMemory<byte>>.Of(file.Read(ImmediateScheduler.Instance));

        observed.Error.Should().BeOfType<CaptureFileException>().Which.Message.Should().Contain("no such file");
    }

    [Fact]
    public void A_capture_replays_through_the_sniffer_to_the_same_reads()
    {
        // Three rounds of the captured 6500EX stream (vector modbus-sniff-stream-req-resp) captured in
        // 9-byte reads, then replayed in 16-byte chunks.
        var path = _directory.File("bus.cap");
        var round = FramingVectors.Bytes("modbus-sniff-stream-req-resp");
        var bus = Enumerable.Repeat(round, 3).SelectMany(r => r).ToArray();
        Observed<ReadOnlyMemory<byte>>.Of(Chunks.OfSize(bus, 9).ToObservable().Capture(path));
        var counters = new SnifferCounters();

        var reads = Observed<PairedRead>.Of(
            ReplayFile.Open(path).Read(ImmediateScheduler.Instance, chunkSize: 16).FrameModbusRtu(counters.Framing).PairReads(counters));

        reads.Items.Should().HaveCount(3).And.OnlyContain(r => r.Address == 1 && r.StartRegister == 19 && r.Registers.Length == 16);
        counters.Snapshot().Queries.Should().Be(3);
    }

    [Fact]
    public void Read_checks_its_arguments_when_called()
    {
        var path = _directory.File("bus.cap");
        File.WriteAllBytes(path, [0x01]);
        var file = ReplayFile.Open(path);

        ((Action)(() => file.Read(ImmediateScheduler.Instance, chunkSize: 0))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => file.Read(null!))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task A_fifo_is_checked_without_waiting_for_a_writer_and_replays_what_the_writer_sends()
    {
        var path = Fifo("bus.fifo");
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        // Opening a FIFO for reading blocks until a writer comes: the check must not open it.
        var file = await Task.Run(() => ReplayFile.Open(path)).WaitAsync(TimeSpan.FromSeconds(10));
        var replayed = file.Read(NewThreadScheduler.Default, chunkSize: 1024)
            .Aggregate(new List<byte>(), (all, chunk) => [.. all, .. chunk.ToArray()])
            .ToTask();
        await Task.Run(() =>
        {
            // Blocks until the replay's reader has the FIFO open; then the bytes and the end of file.
            using var writer = new FileStream(path, FileMode.Open, FileAccess.Write);
            writer.Write(bytes);
        }).WaitAsync(TimeSpan.FromSeconds(10));

        (await replayed.WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(bytes);
    }

    [Fact]
    public async Task Unsubscribing_ends_a_read_that_waits_on_a_silent_fifo()
    {
        var path = Fifo("silent.fifo");
        Thread? reader = null;
        var scheduler = new NewThreadScheduler(start => reader = new Thread(start) { IsBackground = true, Name = "replay reader" });
        var file = ReplayFile.Open(path);
        var subscription = file.Read(scheduler).Subscribe(_ => { });

        // The writer's open returns once the reader has the FIFO open: from then on it waits for bytes that never come.
        await using var writer = await Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write)).WaitAsync(TimeSpan.FromSeconds(10));
        subscription.Dispose();

        reader.Should().NotBeNull();
        reader!.Join(TimeSpan.FromSeconds(10)).Should().BeTrue("a stop ends the wait at once");
    }

    public void Dispose() => _directory.Dispose();

    private string Fifo(string name)
    {
        var path = _directory.File(name);
        Mkfifo(path, 0x180).Should().Be(0, "mkfifo {0}", path);
        return path;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    private sealed class RecordingProgress : IProgress<ReplayProgress>
    {
        public List<ReplayProgress> Reports { get; } = [];

        public void Report(ReplayProgress value) => Reports.Add(value);
    }
}
