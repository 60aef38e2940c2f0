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
    private protected override Gen<byte[]> AnyFrame { get; } = ModbusFrames.AnyFrame;

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
    public void Frames_without_noise_are_recovered_exactly() => FramesWithoutNoiseAreRecoveredExactly();
}
