using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Eg4Legacy;
using Streams.Framing;
using Streams.Tests.Support;

namespace Streams.Tests.Devices.Eg4Legacy;

/// <summary>The <see cref="FramerContract"/> for 7E … 0D requests and replies.</summary>
public sealed class Eg4LegacyFramerProperties : FramerContract
{
    private static Gen<byte[]> AnyReply { get; } =
        Gen.Choose(0, 5).Select(n => (ushort)n)
            .SelectMany(n => Gen.Choose(0, 0xFFFF).Select(w => (ushort)w).ArrayOf(n))
            .ArrayOf(10)
            .SelectMany(groups => Gen.Zip(Generators.AnyByte, Generators.AnyByte)
                .Select(h => Eg4LegacyFrames.Reply(h.Item1, h.Item2, groups)));

    private protected override Gen<byte[]> AnyFrame { get; } = Gen.OneOf(
        AnyReply,
        Gen.Zip(Generators.AnyByte, Generators.AnyByte).Select(h => Eg4LegacyFrames.Request(h.Item1, h.Item2)));

    // Without a checksum, noise can hold a structurally valid false frame; noise free of 0x0D cannot
    // end one, so the chunking property is about chunking alone.
    private protected override Gen<byte[]> ChunkingNoise => Generators.NoiseWithout(30, 0x0D);

    private protected override SpanFramer Framer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            Eg4LegacyFramer.TryRead(buffer, endOfStream, out consumed, out frame);

    private protected override int MaxFrameLength => Eg4LegacyLayout.MaxFrameLength;

    private protected override IObservable<ReadOnlyMemory<byte>> FrameBytes(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        System.Reactive.Linq.Observable.Select(chunks.FrameEg4Legacy(counters), frame => frame.Bytes);

    private protected override bool IsValidFrame(ReadOnlySpan<byte> frame) => Eg4LegacyFrame.TryParse(frame, out _);
}
