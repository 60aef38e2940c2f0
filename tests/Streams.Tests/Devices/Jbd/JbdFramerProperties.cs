using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Jbd;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd;

public sealed class JbdFramerProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<byte[]> AnyFrame { get; } =
        Gen.Zip(Generators.AnyByte, Generators.AnyByte)
            .SelectMany(header => Generators.Noise(80).Select(data => JbdFrames.Frame(header.Item1, header.Item2, data)));

    private static SpanFramer Framer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            JbdFramer.TryRead(buffer, endOfStream, out consumed, out frame);

    [Fact]
    public void Random_bytes_never_throw_and_every_byte_is_a_frame_or_discarded()
    {
        Check.One(Runs, Prop.ForAll(Generators.Noise(2000).ToArb(), Generators.Cuts(2000).ToArb(), (noise, cuts) =>
        {
            var counters = new FramingCounters();
            var observed = Observed<JbdFrame>.Of(Chunks.CutAt(noise, cuts).ToObservable().FrameJbd(counters));

            return observed.Error is null
                && observed.Completed
                && observed.Items.Sum(f => (long)f.Bytes.Length) + counters.DiscardedBytes == noise.Length;
        }));
    }

    [Fact]
    public void Frames_split_into_20_byte_ble_notifications_reassemble()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(30), maxFrames: 10);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
        {
            var whole = Observed<JbdFrame>.Of(Chunks.AsOneChunk(stream.Bytes).FrameJbd());
            var notified = Observed<JbdFrame>.Of(Chunks.OfSize(stream.Bytes, 20).ToObservable().FrameJbd());

            return notified.Items.Select(f => Convert.ToHexString(f.Bytes.Span))
                .SequenceEqual(whole.Items.Select(f => Convert.ToHexString(f.Bytes.Span)));
        }));
    }

    [Fact]
    public void Any_chunking_yields_the_same_frames()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(30), maxFrames: 10);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), Generators.Cuts(1200).ToArb(), (stream, cuts) =>
        {
            var whole = Observed<JbdFrame>.Of(Chunks.AsOneChunk(stream.Bytes).FrameJbd());
            var cut = Observed<JbdFrame>.Of(Chunks.CutAt(stream.Bytes, cuts).ToObservable().FrameJbd());

            return cut.Items.Select(f => Convert.ToHexString(f.Bytes.Span))
                .SequenceEqual(whole.Items.Select(f => Convert.ToHexString(f.Bytes.Span)));
        }));
    }

    [Fact]
    public void Frames_embedded_in_noise_are_all_recovered()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(60), maxFrames: 12);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            stream.AllRecoveredFrom(FramerRuns.ScanAll(stream.Bytes, Framer))));
    }

    [Fact]
    public void Every_frame_found_is_valid_and_within_the_protocol_maximum()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(300), maxFrames: 5);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            FramerRuns.ScanAll(stream.Bytes, Framer).All(f =>
                f.Length <= JbdLayout.MaxFrameLength && JbdFrame.TryParse(stream.Bytes.AsSpan(f.Offset, f.Length), out _))));
    }
}
