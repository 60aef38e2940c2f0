using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;
using Streams.Framing;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>Rx operators of the passive Modbus sniffer: pair fn 0x03 responses with their queries, decode them.</summary>
internal static class SniffingExtensions
{
    /// <summary>
    /// The whole passive sniffer on raw bus bytes, the one composition the live sniffer and
    /// <c>--replay</c> share: <see cref="ModbusFraming.FrameModbusRtu"/>, optional frame tracing,
    /// <see cref="PairReads"/>, then <see cref="DecodeSniffedReads"/>. Never errors for bus content.
    /// </summary>
    /// <param name="chunks">Bytes received from the bus tap, cut anywhere.</param>
    /// <param name="options">Naming, register map, log, counters and tracing.</param>
    /// <param name="clock">Stamps the reads and readings.</param>
    public static IObservable<Reading> SniffReadings(this IObservable<ReadOnlyMemory<byte>> chunks, SnifferOptions options, IScheduler clock)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var frames = chunks.FrameModbusRtu(options.Counters.Framing);
        if (options.TraceAs is { } source)
        {
            frames = frames.TraceFrames(options.Log, source);
        }

        return frames
            .PairReads(options.Counters, clock)
            .DecodeSniffedReads(options.Naming, options.Map, options.Log, clock);
    }

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
    /// <param name="frames">Frames in bus order, e.g. from <see cref="ModbusFraming.FrameModbusRtu"/>.</param>
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
    /// Decodes each paired read through <paramref name="map"/> (see <see cref="SniffedReadDecoder"/>):
    /// the map's reading for a read it decodes, raw registers otherwise, a warning once per address
    /// and kind of failure. Never errors: a read that does not decode is published raw.
    /// </summary>
    /// <param name="reads">Paired reads, e.g. from <see cref="PairReads"/>.</param>
    /// <param name="naming">Names of configured addresses; others are auto-named.</param>
    /// <param name="map">The claiming device's register map.</param>
    /// <param name="log">Where first-seen and decode problems are logged.</param>
    /// <param name="clock">Stamps readings whose read carries no time.</param>
    public static IObservable<Reading> DecodeSniffedReads(
        this IObservable<PairedRead> reads, SnifferNaming naming, ISniffedRegisterMap map, ILogger log, IScheduler clock)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(naming);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(clock);
        return Observable.Defer(() =>
        {
            var decoder = new SniffedReadDecoder(naming, map, log);
            return reads.Select(read => decoder.Decode(read, read.At ?? clock.Now));
        });
    }
}
