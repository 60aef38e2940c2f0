using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Framing;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>Rx operators of the passive Modbus sniffer: pair fn 0x03 responses with their queries.</summary>
public static class SniffingExtensions
{
    /// <summary>
    /// Pairs each fn 0x03 response with the outstanding query of the same address (start register
    /// and count; the response's byte count must be 2 × count) and emits one <see cref="PairedRead"/>
    /// per pair. Queries, exceptions and unpaired responses emit nothing and are counted.
    /// </summary>
    /// <remarks>
    /// <code>
    /// frames : -q1--r1--r2--q2--x2--q3-q4--r4-|        (q query, r response, x exception; digit = address)
    /// reads  : -----p1--------------------- p4-|        r2 unpaired, q3 unanswered, x2 an exception
    /// </code>
    /// Only the latest query is outstanding: Modbus RTU has one transaction on the bus at a time.
    /// </remarks>
    /// <param name="frames">Frames in bus order, e.g. from <see cref="FramingExtensions.FrameModbusRtu"/>.</param>
    /// <param name="counters">Receives the pairing counts; may be shared.</param>
    /// <param name="clock">Stamps <see cref="PairedRead.At"/> with its <c>Now</c>; without it <c>At</c> is null.</param>
    public static IObservable<PairedRead> PairReads(
        this IObservable<ModbusFrame> frames,
        SnifferCounters? counters = null,
        IScheduler? clock = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var totals = counters ?? new SnifferCounters();
        return Observable.Defer(() =>
        {
            var pairing = new ReadPairing(totals, clock);
            return frames.Select(pairing.Next).Where(read => read is not null).Select(read => read!);
        });
    }

    /// <summary>
    /// The whole passive sniffer on raw bus bytes: <see cref="FramingExtensions.FrameModbusRtu"/> in
    /// sniffing mode, then <see cref="PairReads"/>, both counting into <paramref name="counters"/>.
    /// </summary>
    /// <param name="chunks">Bytes received from the bus tap, cut anywhere.</param>
    /// <param name="counters">Receives framing and pairing counts; may be shared.</param>
    /// <param name="clock">Stamps <see cref="PairedRead.At"/>; without it <c>At</c> is null.</param>
    public static IObservable<PairedRead> SniffModbusReads(
        this IObservable<ReadOnlyMemory<byte>> chunks,
        SnifferCounters? counters = null,
        IScheduler? clock = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var totals = counters ?? new SnifferCounters();
        return chunks.FrameModbusRtu(ModbusScanOptions.Sniffing, totals.Framing).PairReads(totals, clock);
    }
}
