using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Modbus;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

/// <summary>The <see cref="FramerContract"/> for Modbus TCP (counts included), plus exact recovery without noise and the round trip with the RTU frame model.</summary>
public sealed class ModbusTcpFramerProperties : FramerContract
{
    private protected override Gen<byte[]> AnyFrame { get; } =
        Gen.Choose(0, 0xFFFF).SelectMany(t => ModbusFrames.AnyFrame.Select(rtu => ModbusTcpAdu.FromRtu((ushort)t, rtu)));

    private protected override Gen<byte[]> ChunkingNoise => Generators.Noise(40);

    private protected override bool CountsIgnoreChunking => true;

    private protected override SpanFramer Framer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            ModbusTcpFramer.TryRead(buffer, endOfStream, out consumed, out frame, out _);

    private protected override int MaxFrameLength => ModbusTcpLayout.MaxFrameLength;

    /// <summary>Each frame back in its Modbus TCP form, so every byte of the stream is accounted for.</summary>
    private protected override IObservable<ReadOnlyMemory<byte>> FrameBytes(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        System.Reactive.Linq.Observable.Select(chunks.FrameModbusTcp(counters), frame => (ReadOnlyMemory<byte>)ModbusTcpAdu.FromRtu(frame.TransactionId!.Value, frame.Bytes.Span));

    private protected override bool IsValidFrame(ReadOnlySpan<byte> frame) =>
        ModbusTcpFramer.TryRead(frame, endOfStream: true, out _, out var bounds, out _) && bounds.Start == 0 && bounds.Length == frame.Length;

    [Fact]
    public void Frames_without_noise_are_recovered_exactly() => FramesWithoutNoiseAreRecoveredExactly();

    [Fact]
    public void Every_rtu_frame_round_trips_through_modbus_tcp_with_its_transaction_id()
    {
        var frames = Gen.Choose(0, 0xFFFF).SelectMany(t => ModbusFrames.AnyFrame.Select(rtu => ((ushort)t, rtu)));

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
}
