using System.Reactive.Concurrency;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Polling;
using Streams.Polling.Bus;
using Streams.Transports.Serial;

namespace Streams.Devices.Eg4Legacy;

/// <summary>Active polling of legacy EG4 LifePower (v1) packs over the "7E … 0D" protocol (the seed's <c>active</c> mode).</summary>
internal static class Eg4LegacyPolling
{
    /// <summary>
    /// Polls every pack of <paramref name="packs"/> round-robin: general status (0x01) per pack per
    /// cycle, one cycle every <see cref="BusOptions.PollInterval"/> from cycle start; firmware
    /// (0x33) and hardware (0x42) texts once per pack after the first answered poll of each connection.
    /// Cells past <paramref name="cellCount"/> are dropped. Failures and disconnections
    /// behave as in <see cref="Eg4ModbusPolling.PollEg4Modbus"/>: one <see cref="PackPoll"/> per pack
    /// per cycle, never an error for device or port problems. Cold.
    /// </summary>
    /// <param name="link">The port's statuses, e.g. <see cref="SerialLinks.Reconnecting"/>.</param>
    /// <param name="bus">The port, timeout, cadence, gap and capture file.</param>
    /// <param name="packs">The packs on the bus.</param>
    /// <param name="cellCount">Cells decoded per pack.</param>
    /// <param name="scheduler">Runs the cadence, gaps and timeouts.</param>
    /// <param name="options">Log, trace, capture fallback, counters.</param>
    public static IObservable<PackPoll> PollEg4Legacy(
        this IObservable<LinkStatus> link, BusOptions bus, IReadOnlyList<PolledPack> packs, int cellCount, IScheduler scheduler, PollerOptions options)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        var spec = BusSpec<Eg4LegacyFrame>.Create(bus, (chunks, counters) => chunks.FrameEg4Legacy(counters), options);
        return PolledBus.Run(link, spec, bus.PollInterval, scheduler, connection =>
            [.. packs.Select(pack => new Eg4LegacyPack(pack, bus, cellCount, connection, scheduler, options.Log).Poll())]);
    }
}
