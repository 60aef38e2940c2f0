using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Jbd.Ble;
using Streams.Framing;
using Streams.Tests.Support;

namespace Streams.Tests.Devices.Jbd.Ble;

/// <summary>The <see cref="FramerContract"/> for the FF AA handshake frames (their frames rebuilt from the decoded command and data).</summary>
public sealed class JbdAuthFramerProperties : FramerContract
{
    private protected override Gen<byte[]> AnyFrame { get; } =
        Generators.AnyByte.SelectMany(command => Generators.Noise(40).Select(data => JbdBleAuth.Build(command, data)));

    private protected override SpanFramer Framer { get; } =
        (ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            JbdAuthFramer.TryRead(buffer, endOfStream, out consumed, out frame);

    private protected override int MaxFrameLength => JbdAuthFramer.MaxFrameLength;

    private protected override IObservable<ReadOnlyMemory<byte>> FrameBytes(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        System.Reactive.Linq.Observable.Select(chunks.FrameJbdAuth(counters), frame => (ReadOnlyMemory<byte>)JbdBleAuth.Build(frame.Command, [.. frame.Data]));

    private protected override bool IsValidFrame(ReadOnlySpan<byte> frame) => JbdBleAuth.Decode(frame).IsSuccess;
}
