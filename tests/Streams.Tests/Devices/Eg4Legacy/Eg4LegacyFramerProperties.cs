using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Eg4Legacy;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Eg4Legacy;

public sealed class Eg4LegacyFramerProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<byte[]> AnyReply { get; } =
        Gen.Choose(0, 5).Select(n => (ushort)n)
            .SelectMany(n => Gen.Choose(0, 0xFFFF).Select(w => (ushort)w).ArrayOf(n))
            .ArrayOf(10)
            .SelectMany(groups => Gen.Zip(Generators.AnyByte, Generators.AnyByte)
                .Select(h => Eg4LegacyFrames.Reply(h.Item1, h.Item2, groups)));

    private static Gen<byte[]> AnyFrame { get; } = Gen.OneOf(
        AnyReply,
        Gen.Zip(Generators.AnyByte, Generators.AnyByte).Select(h => Eg4LegacyFrames.Request(h.Item1, h.Item2)));

    private static SpanFramer Framer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            Eg4LegacyFramer.TryRead(buffer, endOfStream, out consumed, out frame);

    [Fact]
    public void Random_bytes_never_throw_and_every_byte_is_a_frame_or_discarded()
    {
        Check.One(Runs, Prop.ForAll(Generators.Noise(2000).ToArb(), Generators.Cuts(2000).ToArb(), (noise, cuts) =>
        {
            var counters = new FramingCounters();
            var observed = Observed<Eg4LegacyFrame>.Of(Chunks.CutAt(noise, cuts).ToObservable().FrameEg4Legacy(counters));

            return observed.Error is null
                && observed.Completed
                && observed.Items.Sum(f => (long)f.Bytes.Length) + counters.DiscardedBytes == noise.Length;
        }));
    }

    [Fact]
    public void Any_chunking_yields_the_same_frames()
    {
        // Without a checksum, noise can hold a structurally valid false frame; noise free of 0x0D
        // cannot end one, so this property is about chunking alone.
        var streams = Generators.Embedded(AnyFrame, Generators.NoiseWithout(30, 0x0D), maxFrames: 8);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), Generators.Cuts(1200).ToArb(), (stream, cuts) =>
        {
            var whole = Observed<Eg4LegacyFrame>.Of(Chunks.AsOneChunk(stream.Bytes).FrameEg4Legacy());
            var cut = Observed<Eg4LegacyFrame>.Of(Chunks.CutAt(stream.Bytes, cuts).ToObservable().FrameEg4Legacy());

            return cut.Items.Select(f => Convert.ToHexString(f.Bytes.Span))
                .SequenceEqual(whole.Items.Select(f => Convert.ToHexString(f.Bytes.Span)));
        }));
    }

    [Fact]
    public void Frames_embedded_in_noise_are_all_recovered()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(60), maxFrames: 10);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            stream.AllRecoveredFrom(FramerRuns.ScanAll(stream.Bytes, Framer))));
    }

    [Fact]
    public void Every_frame_found_is_valid_and_within_the_protocol_maximum()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(300), maxFrames: 5);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            FramerRuns.ScanAll(stream.Bytes, Framer).All(f =>
                f.Length <= Eg4LegacyLayout.MaxFrameLength && Eg4LegacyFrame.TryParse(stream.Bytes.AsSpan(f.Offset, f.Length), out _))));
    }
}
