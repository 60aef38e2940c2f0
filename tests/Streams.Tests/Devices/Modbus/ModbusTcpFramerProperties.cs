using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Modbus;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

/// <summary>The properties every framer of ours has, for Modbus TCP: chunking, garbage, recovery, and the round trip with the RTU frame model.</summary>
public sealed class ModbusTcpFramerProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<byte[]> AnyRtuFrame { get; } = ModbusFrames.AnyFrame;

    private static Gen<byte[]> AnyTcpFrame { get; } =
        Gen.Choose(0, 0xFFFF).SelectMany(t => AnyRtuFrame.Select(rtu => ModbusTcpAdu.FromRtu((ushort)t, rtu)));

    private static SpanFramer Framer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            ModbusTcpFramer.TryRead(buffer, endOfStream, out consumed, out frame, out _);

    [Fact]
    public void Random_bytes_never_throw_and_every_byte_is_a_frame_or_discarded()
    {
        Check.One(Runs, Prop.ForAll(Generators.Noise(2000).ToArb(), Generators.Cuts(2000).ToArb(), (noise, cuts) =>
        {
            var counters = new FramingCounters();
            var observed = Observed<ModbusFrame>.Of(Chunks.CutAt(noise, cuts).ToObservable().FrameModbusTcp(counters));

            return observed.Error is null
                && observed.Completed
                && observed.Items.Sum(f => (long)f.Length + ModbusTcpLayout.RtuOverhead) + counters.DiscardedBytes == noise.Length;
        }));
    }

    [Fact]
    public void Any_chunking_yields_the_same_frames_and_counts()
    {
        var streams = Generators.Embedded(AnyTcpFrame, Generators.Noise(40), maxFrames: 12);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), Generators.Cuts(3500).ToArb(), (stream, cuts) =>
        {
            var wholeCounters = new FramingCounters();
            var whole = Observed<ModbusFrame>.Of(Chunks.AsOneChunk(stream.Bytes).FrameModbusTcp(wholeCounters));
            var cutCounters = new FramingCounters();
            var cut = Observed<ModbusFrame>.Of(Chunks.CutAt(stream.Bytes, cuts).ToObservable().FrameModbusTcp(cutCounters));

            return cut.Items.Select(Render).SequenceEqual(whole.Items.Select(Render))
                   && cutCounters.Snapshot() == wholeCounters.Snapshot();
        }));
    }

    [Fact]
    public void Frames_embedded_in_noise_are_all_recovered()
    {
        var streams = Generators.Embedded(AnyTcpFrame, Generators.Noise(60), maxFrames: 15);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            stream.AllRecoveredFrom(FramerRuns.ScanAll(stream.Bytes, Framer))));
    }

    [Fact]
    public void Frames_without_noise_are_recovered_exactly()
    {
        var streams = Generators.Embedded(AnyTcpFrame, Gen.Constant(Array.Empty<byte>()), maxFrames: 20);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            FramerRuns.ScanAll(stream.Bytes, Framer).SequenceEqual(stream.Frames.Select(f => (f.Offset, f.Frame.Length)))));
    }

    [Fact]
    public void Every_rtu_frame_round_trips_through_modbus_tcp_with_its_transaction_id()
    {
        var frames = Gen.Choose(0, 0xFFFF).SelectMany(t => AnyRtuFrame.Select(rtu => ((ushort)t, rtu)));

        Check.One(Runs, Prop.ForAll(frames.ToArb(), pair =>
        {
            var (transaction, rtu) = pair;
            var read = Observed<ModbusFrame>.Of(Chunks.AsOneChunk(ModbusTcpAdu.FromRtu(transaction, rtu)).FrameModbusTcp()).Items;
            ModbusFrame.TryParse(rtu, out var expected);

            return read.Count == 1
                && read[0].TransactionId == transaction
                && read[0].Kind == expected!.Kind
                && read[0].Bytes.Span.SequenceEqual(rtu)
                && ModbusTcpAdu.FromRtu(transaction, read[0].Bytes.Span).AsSpan().SequenceEqual(ModbusTcpAdu.FromRtu(transaction, rtu));
        }));
    }

    private static string Render(ModbusFrame frame) => frame.ToString();
}
