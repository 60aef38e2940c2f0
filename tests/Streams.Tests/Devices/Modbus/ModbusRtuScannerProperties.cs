using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Modbus;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

/// <summary>The <see cref="FramerContract"/> for fn 0x03 Modbus RTU (counts included), plus exact recovery without noise.</summary>
public sealed class ModbusRtuScannerProperties : FramerContract
{
    private protected override Gen<byte[]> AnyFrame { get; } = Gen.OneOf(
        Gen.Choose(1, 247).SelectMany(a => Gen.Choose(1, 125).SelectMany(c => Gen.Choose(0, 0x10000 - c)
            .Select(s => ModbusFrames.Query((byte)a, (ushort)s, (ushort)c)))),
        Gen.Choose(1, 247).SelectMany(a => Gen.Choose(0, 0xFFFF).Select(r => (ushort)r).ArrayOf()
            .Where(r => r.Length is >= 1 and <= 125).Select(r => ModbusFrames.Response((byte)a, r))),
        Gen.Choose(1, 247).SelectMany(a => Gen.Choose(1, 11).Select(c => ModbusFrames.Exception((byte)a, (byte)c))));

    private protected override Gen<byte[]> ChunkingNoise => Generators.Noise(40);

    private protected override bool CountsIgnoreChunking => true;

    private protected override SpanFramer Framer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            ModbusRtuScanner.TryRead(buffer, endOfStream, out consumed, out frame, out _);

    private protected override int MaxFrameLength => ModbusRtuLayout.MaxFrameLength;

    private protected override IObservable<ReadOnlyMemory<byte>> FrameBytes(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        System.Reactive.Linq.Observable.Select(chunks.FrameModbusRtu(counters), frame => frame.Bytes);

    private protected override bool IsValidFrame(ReadOnlySpan<byte> frame) => ModbusFrame.TryParse(frame, out _);

    [Fact]
    public void Frames_without_noise_are_recovered_exactly()
    {
        var streams = Generators.Embedded(AnyFrame, Gen.Constant(Array.Empty<byte>()), maxFrames: 20);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), stream =>
            FramerRuns.ScanAll(stream.Bytes, Framer).SequenceEqual(stream.Frames.Select(f => (f.Offset, f.Frame.Length)))));
    }
}
