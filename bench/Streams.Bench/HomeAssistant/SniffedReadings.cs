using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog.Core;
using Streams.Bench.Framing;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus.Sniffing;

namespace Streams.Bench.HomeAssistant;

/// <summary>Readings as <c>--replay</c> makes them: clean bus traffic through the sniffer and the EG4-LL register map.</summary>
internal static class SniffedReadings
{
    public static IReadOnlyList<Reading> Take(int count)
    {
        var options = new SnifferOptions(new SnifferNaming(new Dictionary<byte, string>()), () => new Eg4LlSniffedRegisters(), Logger.None);
        var traffic = BusTraffic.Clean(64 * 1024);
        return Observable.Return<ReadOnlyMemory<byte>>(traffic)
            .SniffReadings(options, ImmediateScheduler.Instance)
            .Take(count)
            .ToEnumerable()
            .ToArray();
    }
}
