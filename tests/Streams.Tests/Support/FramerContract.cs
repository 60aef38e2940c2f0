using System.Reactive.Linq;
using FsCheck;
using FsCheck.Fluent;
using Streams.Framing;
using Xunit;

namespace Streams.Tests.Support;

/// <summary>
/// The properties every framer owes, checked once here for each protocol that derives from it: noise
/// never throws and every byte is accounted for, any chunking yields the same frames, frames embedded
/// in noise are all recovered, and everything found is a valid frame within the protocol's maximum.
/// A protocol adds its own properties beside these.
/// </summary>
public abstract class FramerContract
{
    private protected static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Any one valid frame of the protocol.</summary>
    private protected abstract Gen<byte[]> AnyFrame { get; }

    /// <summary>The protocol's Rx framing operator, its frames as their bytes.</summary>
    private protected abstract IObservable<ReadOnlyMemory<byte>> FrameBytes(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters);

    /// <summary>The protocol's pure span framer.</summary>
    private protected abstract SpanFramer Framer { get; }

    private protected abstract int MaxFrameLength { get; }

    /// <summary>Whether the whole span is one valid frame (the protocol's own parser).</summary>
    private protected abstract bool IsValidFrame(ReadOnlySpan<byte> frame);

    /// <summary>The noise between frames in the chunking property (a protocol without a checksum needs noise that cannot end a false frame).</summary>
    private protected virtual Gen<byte[]> ChunkingNoise => Generators.Noise(30);

    /// <summary>Whether the discarded-byte and checksum-failure counts, too, must not depend on the chunking.</summary>
    private protected virtual bool CountsIgnoreChunking => false;

    [Fact]
    public void Random_bytes_never_throw_and_every_byte_is_a_frame_or_discarded()
    {
        Check.One(Runs, Prop.ForAll(Generators.Noise(2000).ToArb(), Generators.Cuts(2000).ToArb(), (noise, cuts) =>
        {
            var counters = new FramingCounters();
            var observed = Observed<ReadOnlyMemory<byte>>.Of(FrameBytes(Chunks.CutAt(noise, cuts).ToObservable(), counters));

            return observed.Error is null
                && observed.Completed
                && observed.Items.Sum(f => (long)f.Length) + counters.DiscardedBytes == noise.Length;
        }));
    }

    [Fact]
    public void Any_chunking_yields_the_same_frames()
    {
        var streams = Generators.Embedded(AnyFrame, ChunkingNoise, maxFrames: 10);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), Generators.Cuts(3500).ToArb(), (stream, cuts) =>
        {
            var wholeCounters = new FramingCounters();
            var whole = Observed<ReadOnlyMemory<byte>>.Of(FrameBytes(Chunks.AsOneChunk(stream.Bytes), wholeCounters));
            var cutCounters = new FramingCounters();
            var cut = Observed<ReadOnlyMemory<byte>>.Of(FrameBytes(Chunks.CutAt(stream.Bytes, cuts).ToObservable(), cutCounters));

            return cut.Items.Select(f => Convert.ToHexString(f.Span)).SequenceEqual(whole.Items.Select(f => Convert.ToHexString(f.Span)))
                && (!CountsIgnoreChunking || cutCounters.Snapshot() == wholeCounters.Snapshot());
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
                f.Length <= MaxFrameLength && IsValidFrame(stream.Bytes.AsSpan(f.Offset, f.Length)))));
    }
}
