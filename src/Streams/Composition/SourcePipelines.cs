using System.Reactive.Linq;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Framing;
using Streams.Polling;
using Streams.Polling.Bus;
using Streams.Transports.Capture;
using Streams.Transports.Serial;

namespace Streams.Composition;

/// <summary>Builds the live pipeline of one configured serial source, from port to <see cref="PackPoll"/>s.</summary>
public static class SourcePipelines
{
    /// <summary>
    /// One source's polls: its port kept open by <see cref="SerialLinks.Reconnecting"/> (opened once,
    /// reopened with <see cref="SourceContext.Reconnect"/> backoff) and driven by its poller:
    /// <c>eg4-modbus</c> → <see cref="Eg4ModbusPolling.PollEg4Modbus"/>, <c>eg4-7e</c> →
    /// <see cref="Eg4LegacyPolling.PollEg4Legacy"/>, <c>jbd-serial</c> → <see cref="JbdSerialPolling.PollJbdSerial"/>,
    /// <c>sniffer</c> → listen-only Modbus (never writes), each decoded reading a successful poll;
    /// <c>jbd-ble</c> → <see cref="JbdBlePolling.Polls"/> (BlueZ; no serial port).
    /// Cold; sources are independent of each other, so merge them freely.
    /// </summary>
    /// <exception cref="NotSupportedException">The source is not a serial source (e.g. <c>simulator</c>).</exception>
    /// <exception cref="ArgumentException">The port path or baud rate is unusable (one-line message).</exception>
    public static IObservable<PackPoll> Create(SourceConfig source, SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(context);
        var options = new PollerOptions(context.Log) { Trace = context.Trace, CapturePath = context.CapturePath };
        return source switch
        {
            Eg4ModbusSourceConfig modbus => Link(modbus.Port, modbus.Baud, context).PollEg4Modbus(modbus, context.Scheduler, options),
            Eg4LegacySourceConfig legacy => Link(legacy.Port, legacy.Baud, context).PollEg4Legacy(legacy, context.Scheduler, options),
            JbdSerialSourceConfig jbd => Link(jbd.Port, jbd.Baud, context).PollJbdSerial(jbd, context.Scheduler, options),
            SnifferSourceConfig sniffer => Sniff(sniffer, context),
            JbdBleSourceConfig ble => JbdBlePolling.Polls(ble, context),
            _ => throw new NotSupportedException($"source kind '{source.Kind}' is not a serial source; it has no live serial pipeline"),
        };
    }

    private static IObservable<LinkStatus> Link(string port, int baud, SourceContext context)
    {
        var settings = new SerialSettings(port, baud);
        return SerialLinks.Reconnecting(() => context.Open(settings), context.Reconnect, context.Scheduler)
            .Publish()
            .RefCount();
    }

    private static IObservable<PackPoll> Sniff(SnifferSourceConfig source, SourceContext context)
    {
        var link = Link(source.Port, source.Baud, context);
        var naming = new SnifferNaming(source.Packs
            .Where(pack => pack.Address is > 0 and <= byte.MaxValue)
            .ToDictionary(pack => (byte)pack.Address, pack => pack.Name));
        var capture = source.CapturePath ?? context.CapturePath;
        return Observable.Defer(() =>
        {
            var statusLog = new LinkStatusLog(context.Log, source.Port);
            var counters = new SnifferCounters();
            // One framer per connection: a frame cut off by a drop must not swallow the next link's first bytes.
            var frames = link.Do(statusLog.Write).PerConnection(chunks =>
            {
                if (capture is not null)
                {
                    chunks = chunks.Capture(capture, onWriteFailure: failure =>
                        context.Log.Warning("port {Port:l}: capture stopped: {Reason:l}", source.Port, failure.Message));
                }

                return chunks.FrameModbusRtu(ModbusScanOptions.Sniffing, counters.Framing);
            });
            return (context.Trace ? frames.TraceFrames(context.Log, source.Port) : frames)
                .PairReads(counters, context.Scheduler)
                .DecodeSniffedReads(naming, context.Log, context.Scheduler)
                .Select(PackPoll.Success);
        });
    }
}
