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
    /// <c>--replay</c> share: <see cref="ModbusFraming.FrameModbusRtu"/>, then <see cref="SniffFrames"/>.
    /// Never errors for bus content.
    /// </summary>
    /// <param name="chunks">Bytes received from the bus tap, cut anywhere.</param>
    /// <param name="options">Naming, register map, log, counters and tracing.</param>
    /// <param name="clock">Stamps the reads and readings.</param>
    public static IObservable<Reading> SniffReadings(this IObservable<ReadOnlyMemory<byte>> chunks, SnifferOptions options, IScheduler clock)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(options);
        return chunks.FrameModbusRtu(options.Counters.Framing).SniffFrames(options, clock);
    }

    /// <summary>
    /// <see cref="SniffReadings"/> with the readings each chunk completed handed on as one list, once
    /// that chunk is decoded (an empty list for a chunk that completed none). A consumer on another
    /// thread is then woken once per chunk instead of once per reading, and no reading waits for a
    /// later chunk. The end hands on one more, empty, list.
    /// </summary>
    /// <remarks>
    /// <code>
    /// chunks   : -c1------c2--c3-|        (c1 completes readings a and b, c2 none, c3 d)
    /// readings : -[a,b]---[]--[d]-([]|)
    /// </code>
    /// Rx's <c>Buffer</c> subscribes to its source before its boundaries, so a chunk reaches the
    /// sniffer before it closes the list (SniffReadingsPerChunkTests pins that).
    /// </remarks>
    /// <param name="chunks">Bytes received from the bus tap, cut anywhere.</param>
    /// <param name="options">Naming, register map, log, counters and tracing.</param>
    /// <param name="clock">Stamps the reads and readings.</param>
    public static IObservable<IList<Reading>> SniffReadingsPerChunk(this IObservable<ReadOnlyMemory<byte>> chunks, SnifferOptions options, IScheduler clock)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(options);
        return chunks.Publish(shared => shared.SniffReadings(options, clock).Buffer(shared));
    }

    /// <summary>
    /// The sniffer after framing, for a tap framed per connection (see <c>SerialLinks.PerConnection</c>):
    /// optional frame tracing, <see cref="PairReads"/>, then <see cref="DecodeSniffedReads"/>.
    /// </summary>
    /// <param name="frames">Frames in bus order, framed with <see cref="SnifferOptions.Counters"/>.</param>
    /// <param name="options">Naming, register map, log, counters and tracing.</param>
    /// <param name="clock">Stamps the reads and readings.</param>
    public static IObservable<Reading> SniffFrames(this IObservable<ModbusFrame> frames, SnifferOptions options, IScheduler clock)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.TraceAs is { } source)
        {
            frames = frames.TraceFrames(options.Log, source);
        }

        return frames
            .PairReads(options.Counters, clock)
            .DecodeSniffedReads(options.Naming, options.NewMap, options.Log, clock);
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
    /// Decodes each paired read through the claiming device's register map (see
    /// <see cref="SniffedReadDecoder"/>) into the slave's latest state: the read updates what it
    /// carries (a decoded block its fields, any other read its raw registers, an identity block the
    /// device) and keeps what earlier reads said, so a read of another block never blanks the status.
    /// A warning once per address and kind of failure. Never errors: a read that does not decode is published raw.
    /// </summary>
    /// <remarks>
    /// <code>
    /// reads    : -s1---i1---s1'-|        (s status block, i identity block 105–127; digit = address)
    /// readings : -S----S+I--S'+I-|       S status fields, I the identity's raw registers (and the device's model …)
    /// </code>
    /// </remarks>
    /// <param name="reads">Paired reads, e.g. from <see cref="PairReads"/>.</param>
    /// <param name="naming">Names of configured addresses; others are auto-named.</param>
    /// <param name="newMap">Creates the claiming device's register map, once per subscription.</param>
    /// <param name="log">Where first-seen and decode problems are logged.</param>
    /// <param name="clock">Stamps readings whose read carries no time.</param>
    public static IObservable<Reading> DecodeSniffedReads(
        this IObservable<PairedRead> reads, SnifferNaming naming, Func<ISniffedRegisterMap> newMap, ILogger log, IScheduler clock)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(naming);
        ArgumentNullException.ThrowIfNull(newMap);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(clock);
        return Observable.Defer(() =>
        {
            var decoder = new SniffedReadDecoder(naming, newMap(), log);
            return reads.Select(read => decoder.Decode(read, read.At ?? clock.Now));
        });
    }
}
