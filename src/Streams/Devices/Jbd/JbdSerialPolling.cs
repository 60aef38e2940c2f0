using System.Reactive.Concurrency;
using Streams.Core;
using Streams.Polling;
using Streams.Polling.Bus;
using Streams.Transports.Serial;

namespace Streams.Devices.Jbd;

/// <summary>Active polling of one JBD / Xiaoxiang BMS over its UART ("DD … 77" protocol).</summary>
internal static class JbdSerialPolling
{
    /// <summary>The silence kept between a reply and the next request (the JBD config has no setting for it).</summary>
    public static readonly TimeSpan InterFrameGap = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Polls the BMS every <see cref="BusOptions.PollInterval"/> from cycle start (see <see cref="JbdPoll"/>): basic info
    /// (0x03) then cell voltages (0x04), one reading combining both (without 0x04 the reading has no
    /// cells; without 0x03 the poll fails); the hardware version (0x05, the model) once per connection
    /// after the first answered poll. Failures and disconnections behave as in
    /// <see cref="Eg4ModbusPolling.PollEg4Modbus"/>: one <see cref="PackPoll"/> per cycle. Cold.
    /// </summary>
    /// <param name="link">The port's statuses, e.g. <see cref="SerialLinks.Reconnecting"/>.</param>
    /// <param name="bus">The port, timeout, cadence and capture file (the gap is <see cref="InterFrameGap"/> on a JBD UART).</param>
    /// <param name="name">The BMS's name.</param>
    /// <param name="scheduler">Runs the cadence, gaps and timeouts.</param>
    /// <param name="options">Log, trace, capture fallback, counters.</param>
    public static IObservable<PackPoll> PollJbdSerial(
        this IObservable<LinkStatus> link, BusOptions bus, string name, IScheduler scheduler, PollerOptions options)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        var spec = BusSpec<JbdFrame>.Create(bus, (chunks, counters) => chunks.FrameJbd(counters), options);
        return PolledBus.Run(link, spec, bus.PollInterval, scheduler, connection =>
            [new JbdSerialDevice(name, bus, connection, scheduler, options.Log).Poll()]);
    }
}
