using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>The sniffer's last step: paired reads become readings of named devices.</summary>
public static class SnifferDecoding
{
    /// <summary>
    /// Decodes each paired read (see <see cref="SniffedReadDecoder"/>): EG4-LL fields for a status
    /// read at 0, raw registers otherwise, a warning once per address when a pack answers with the
    /// master map. Never errors: a read that does not decode is published raw.
    /// </summary>
    /// <param name="reads">Paired reads, e.g. from <see cref="SniffingExtensions.SniffModbusReads"/>.</param>
    /// <param name="naming">Names of configured addresses; others are auto-named.</param>
    /// <param name="log">Where first-seen and decode problems are logged.</param>
    /// <param name="clock">Stamps readings whose read carries no time.</param>
    public static IObservable<Reading> DecodeSniffedReads(
        this IObservable<PairedRead> reads, SnifferNaming naming, ILogger log, IScheduler clock)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(naming);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(clock);
        return Observable.Defer(() =>
        {
            var decoder = new SniffedReadDecoder(naming, log);
            return reads.Select(read => decoder.Decode(read, read.At ?? clock.Now));
        });
    }
}
