using System.Reactive.Concurrency;
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
        error!.Message.Should().Be($"capture file {path}: open failed: no such file or directory");
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

    public void Dispose() => _directory.Dispose();

    private sealed class RecordingProgress : IProgress<ReplayProgress>
    {
        public List<ReplayProgress> Reports { get; } = [];

        public void Report(ReplayProgress value) => Reports.Add(value);
    }
}
