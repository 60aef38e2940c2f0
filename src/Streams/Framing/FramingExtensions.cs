using System.Reactive.Linq;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;

namespace Streams.Framing;

/// <summary>
/// Rx operators that cut a stream of received byte chunks into frames. Each subscription keeps its
/// own bounded reassembly buffer (the longest frame plus 4 KiB); every frame is an owned copy, so it
/// stays valid however long downstream keeps it. Garbage is skipped and counted, never thrown.
/// </summary>
/// <remarks>
/// <code>
/// chunks   : -[01 03 00 13]-[00 10 B5 C3 01 03 20 …]-[… 70 C0 FF]-|
/// frames   : ---------------[query 0x01]--------------[response 0x01]---|   (FF counted as discarded)
/// </code>
/// Source errors pass through unchanged. At completion, bytes still waiting for the rest of a frame
/// are counted as discarded.
/// </remarks>
public static class FramingExtensions
{
    /// <summary>
    /// Fn 0x03 Modbus RTU frames (see <see cref="ModbusRtuScanner"/>). With
    /// <see cref="ModbusScanOptions.Sniffing"/> (the default) queries, responses and exceptions are
    /// emitted; with <see cref="ModbusScanOptions.ReplyFrom"/> only the expected reply or exception.
    /// </summary>
    /// <param name="chunks">Received bytes, cut anywhere.</param>
    /// <param name="options">Sniffing (default) or one poller's reply.</param>
    /// <param name="counters">Receives frame, discarded-byte and CRC-failure counts; may be shared.</param>
    public static IObservable<ModbusFrame> FrameModbusRtu(
        this IObservable<ReadOnlyMemory<byte>> chunks,
        ModbusScanOptions options = default,
        FramingCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Frame(chunks, () => new ModbusChunkFramer(options), counters ?? new FramingCounters());
    }

    /// <summary>
    /// JBD "DD … 77" frames (responses and read/write requests, see <see cref="JbdFramer"/>), e.g.
    /// from 20-byte BLE notifications: several frames per chunk or one frame over many chunks.
    /// </summary>
    /// <param name="chunks">Received bytes, cut anywhere.</param>
    /// <param name="counters">Receives frame, discarded-byte and checksum-failure counts; may be shared.</param>
    public static IObservable<JbdFrame> FrameJbd(this IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Frame(chunks, () => new JbdChunkFramer(), counters ?? new FramingCounters());
    }

    /// <summary>EG4 LifePower (v1) "7E … 0D" requests and replies (see <see cref="Eg4LegacyFramer"/>).</summary>
    /// <param name="chunks">Received bytes, cut anywhere.</param>
    /// <param name="counters">Receives frame and discarded-byte counts; may be shared.</param>
    public static IObservable<Eg4LegacyFrame> FrameEg4Legacy(this IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Frame(chunks, () => new Eg4LegacyChunkFramer(), counters ?? new FramingCounters());
    }

    /// <summary>Cuts <paramref name="chunks"/> into frames with a new framer from <paramref name="createFramer"/> per subscription.</summary>
    internal static IObservable<TFrame> Frame<TFrame>(
        IObservable<ReadOnlyMemory<byte>> chunks,
        Func<IChunkFramer<TFrame>> createFramer,
        FramingCounters counters)
        where TFrame : class =>
        Observable.Create<TFrame>(observer =>
        {
            var assembler = new FrameAssembler<TFrame>(createFramer(), counters, observer);
            return chunks.Subscribe(assembler.Push, assembler.Fail, assembler.Complete);
        });
}
