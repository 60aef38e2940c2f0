using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Modbus;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

public sealed class ModbusRtuScannerProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<byte[]> AnyFrame { get; } = ModbusFrames.AnyFrame;

    private static SpanFramer Sniffer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            ModbusRtuScanner.TryRead(buffer, ModbusScanOptions.Sniffing, endOfStream, out consumed, out frame, out _);

    [Fact]
    public void Random_bytes_never_throw_and_every_byte_is_a_frame_or_discarded()
    {
        Check.One(Runs, Prop.ForAll(Generators.Noise(2000).ToArb(), Generators.Cuts(2000).ToArb(), (noise, cuts) =>
        {
            var counters = new FramingCounters();
            var observed = Observed<ModbusFrame>.Of(Chunks.CutAt(noise, cuts).ToObservable().FrameModbusRtu(counters: counters));

            return observed.Error is null
                && observed.Completed
                && observed.Items.Sum(f => (long)f.Length) + counters.DiscardedBytes == noise.Length;
        }));
    }

    [Fact]
    public void Any_chunking_yields_the_same_frames_and_counts()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(40), maxFrames: 12);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), Generators.Cuts(3500).ToArb(), (stream, cuts) =>
        {
            var wholeCounters = new FramingCounters();
            var whole = Observed<ModbusFrame>.Of(Chunks.AsOneChunk(stream.Bytes).FrameModbusRtu(counters: wholeCounters));
            var cutCounters = new FramingCounters();
            var cut = Observed<ModbusFrame>.Of(Chunks.CutAt(stream.Bytes, cuts).ToObservable().FrameModbusRtu(counters: cutCounters));

            return cut.Items.Select(f => Convert.ToHexString(f.Bytes.Span))
                       .SequenceEqual(whole.Items.Select(f => Convert.ToHexString(f.Bytes.Span)))
                   && cutCounters.Snapshot() == wholeCounters.Snapshot();
        }));
    }

    [Fact]
    public void Frames_embedded_in_noise_are_all_recovered()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(60), maxFrames: 15);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            stream.AllRecoveredFrom(FramerRuns.ScanAll(stream.Bytes, Sniffer))));
    }

    [Fact]
    public void Frames_without_noise_are_recovered_exactly()
    {
        var streams = Generators.Embedded(AnyFrame, Gen.Constant(Array.Empty<byte>()), maxFrames: 20);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            FramerRuns.ScanAll(stream.Bytes, Sniffer).SequenceEqual(stream.Frames.Select(f => (f.Offset, f.Frame.Length)))));
    }

    [Fact]
    public void Every_frame_found_is_a_valid_frame_within_the_protocol_maximum()
    {
        var streams = Generators.Embedded(AnyFrame, Generators.Noise(300), maxFrames: 5);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            FramerRuns.ScanAll(stream.Bytes, Sniffer).All(f =>
                f.Length <= ModbusRtuLayout.MaxFrameLength
                && ModbusFrame.TryParse(stream.Bytes.AsSpan(f.Offset, f.Length), out _))));
    }
}
