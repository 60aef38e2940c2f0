using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Jbd;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd;

/// <summary>The <see cref="FramerContract"/> for DD … 77, plus BLE notification sizes.</summary>
public sealed class JbdFramerProperties : FramerContract
{
    private protected override Gen<byte[]> AnyFrame { get; } =
        Gen.Zip(Generators.AnyByte, Generators.AnyByte)
            .SelectMany(header => Generators.Noise(80).Select(data => JbdFrames.Frame(header.Item1, header.Item2, data)));

    private protected override SpanFramer Framer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            JbdFramer.TryRead(buffer, endOfStream, out consumed, out frame);

    private protected override int MaxFrameLength => JbdLayout.MaxFrameLength;

    private protected override IObservable<ReadOnlyMemory<byte>> FrameBytes(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        System.Reactive.Linq.Observable.Select(chunks.FrameJbd(counters), frame => frame.Bytes);

    private protected override bool IsValidFrame(ReadOnlySpan<byte> frame) => JbdFrame.TryParse(frame, out _);

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
}
