using System.Reactive.Linq;
using FluentAssertions;
using Streams.Tests.Support;
using Streams.Transports.Capture;
using Xunit;

namespace Streams.Tests.Transports.Capture;

public sealed class CaptureFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Writes_every_chunk_and_passes_it_on_unchanged()
    {
        var path = _directory.File("bus.cap");
        var stream = FramingVectors.Bytes("modbus-sniff-stream-req-resp");

        var observed = Observed<ReadOnlyMemory<byte>>.Of(Chunks.OfSize(stream, 10).ToObservable().Capture(path));

        observed.Completed.Should().BeTrue();
        observed.Items.SelectMany(c => c.ToArray()).Should().Equal(stream);
        File.ReadAllBytes(path).Should().Equal(stream);
    }

    [Fact]
    public void Each_chunk_is_on_disk_before_it_is_passed_on()
    {
        var path = _directory.File("bus.cap");
        var sizesSeen = new List<long>();

        using (Chunks.OfSize(new byte[100], 25).ToObservable().Capture(path).Subscribe(_ => sizesSeen.Add(new FileInfo(path).Length)))
        {
        }

        sizesSeen.Should().Equal(25, 50, 75, 100);
    }

    [Fact]
    public void Appends_to_an_existing_capture()
    {
        var path = _directory.File("bus.cap");
        File.WriteAllBytes(path, [0x01, 0x02]);

        Observed<ReadOnlyMemory<byte>>.Of(Chunks.AsOneChunk([0x03, 0x04]).Capture(path));

        File.ReadAllBytes(path).Should().Equal(0x01, 0x02, 0x03, 0x04);
    }

    [Fact]
    public void Rotates_to_path_dot_1_before_passing_the_size_limit()
    {
        var path = _directory.File("bus.cap");
        var bytes = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

        Observed<ReadOnlyMemory<byte>>.Of(Chunks.OfSize(bytes, 30).ToObservable().Capture(path, maxFileBytes: 64));

        // 30 + 30 fit in 64; the third chunk starts a new file; the fourth (10 bytes) fits after it.
        File.ReadAllBytes(path + ".1").Should().Equal(bytes[..60]);
        File.ReadAllBytes(path).Should().Equal(bytes[60..]);
    }

    [Fact]
    public void A_file_that_cannot_be_opened_fails_the_stream_with_a_one_line_message()
    {
        var path = _directory.File("missing-dir/bus.cap");
        var subscribed = false;
        var source = Observable.Defer(() =>
        {
            subscribed = true;
            return Chunks.AsOneChunk([0x01]);
        });

        var observed = Observed<ReadOnlyMemory<byte>>.Of(source.Capture(path));

        var error = observed.Error.Should().BeOfType<CaptureFileException>().Subject;
        error.Message.Should().Be($"capture file {path}: open for append failed: no such file or directory");
        error.FilePath.Should().Be(path);
        subscribed.Should().BeFalse("nothing is read when it cannot be captured");
    }

    [Fact]
    public void A_write_failure_fails_the_stream_unless_it_is_reported_elsewhere()
    {
        // /dev/full accepts the open and fails every write with ENOSPC, like a full disk.
        var chunks = Chunks.OfSize(new byte[30], 10).ToObservable();

        var failing = Observed<ReadOnlyMemory<byte>>.Of(chunks.Capture("/dev/full"));
        var reported = new List<CaptureFileException>();
        var tolerant = Observed<ReadOnlyMemory<byte>>.Of(chunks.Capture("/dev/full", onWriteFailure: reported.Add));

        failing.Error.Should().BeOfType<CaptureFileException>().Which.Message.Should().StartWith("capture file /dev/full: write failed:");
        failing.Items.Should().BeEmpty();
        tolerant.Error.Should().BeNull();
        tolerant.Items.Should().HaveCount(3, "capture stops, the bytes keep flowing");
        reported.Should().ContainSingle();
    }

    [Fact]
    public void Source_errors_pass_through_and_close_the_file()
    {
        var path = _directory.File("bus.cap");
        var failure = new IOException("port gone");

        var observed = Observed<ReadOnlyMemory<byte>>.Of(
            Chunks.AsOneChunk([0x01]).Concat(Observable.Throw<ReadOnlyMemory<byte>>(failure)).Capture(path));

        observed.Error.Should().BeSameAs(failure);
        using var reopened = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        reopened.Length.Should().Be(1);
    }

    [Fact]
    public void Arguments_are_checked_when_the_operator_is_called()
    {
        var chunks = Chunks.AsOneChunk([0x01]);

        ((Action)(() => chunks.Capture(""))).Should().Throw<ArgumentException>();
        ((Action)(() => chunks.Capture("x", maxFileBytes: 0))).Should().Throw<ArgumentOutOfRangeException>();
    }

    public void Dispose() => _directory.Dispose();
}
