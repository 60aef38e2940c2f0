using System.Reactive.Concurrency;
using Streams.Core;
using Streams.Devices.Modbus;
using Streams.Polling;
using Streams.Polling.Bus;
using Streams.Transports.Serial;

namespace Streams.Devices.Eg4Ll;

/// <summary>Active polling of EG4 LifePower4 v2 / EG4-LL packs over Modbus RTU or through a Modbus TCP gateway.</summary>
internal static class Eg4ModbusPolling
{
    /// <summary>
    /// Polls every pack of <paramref name="packs"/> on the link <paramref name="link"/> reports:
    /// fn 0x03 from register 0 for <paramref name="registerCount"/> registers, one pack
    /// after the other (a shared bus), one cycle every <see cref="BusOptions.PollInterval"/>
    /// from cycle start. After the first answered poll of each (re)connection, registers 105..127 are
    /// read once for the pack's model, firmware and serial (a failure there is logged, not fatal).
    /// <list type="table">
    /// <item><term>reply</term><description>a successful <see cref="PackPoll"/> with the reading.</description></item>
    /// <item><term>no reply in <see cref="BusOptions.Timeout"/></term><description>a failed poll (<see cref="TimeoutException"/> category); the next pack is polled after the gap.</description></item>
    /// <item><term>master-map reply</term><description>the bank's reading (<see cref="Eg4LlMasterFields"/>) after reads of 39..41 and 113..128, never zero-volt cells.</description></item>
    /// <item><term>Modbus exception</term><description>a failed poll, category <c>DeviceError</c>.</description></item>
    /// <item><term>port disconnected</term><description>a failed poll per pack per due cycle, at once (<c>port /dev/x disconnected: …</c>).</description></item>
    /// </list>
    /// <code>
    /// packs p1, p2 on one bus, replies after 1 frame, interval 10 frames, p2 dead (timeout 3 frames):
    /// result : -1---2------1---2-----    (1 = p1 ok, 2 = p2 timeout)
    /// </code>
    /// Exactly one <see cref="PackPoll"/> per pack per cycle; never errors for device or port problems.
    /// Cold: each subscription subscribes <paramref name="link"/> once (so opens the port once).
    /// </summary>
    /// <param name="link">The port's statuses, e.g. <see cref="SerialLinks.Reconnecting"/>.</param>
    /// <param name="bus">The port, timeout, cadence, gap and capture file.</param>
    /// <param name="packs">The packs on the bus.</param>
    /// <param name="registerCount">Registers read per status poll (39 or 47).</param>
    /// <param name="temperatureSensors">NTC inputs 1..N are sensors (configured), or null: decided per pack from what it reports (<see cref="Eg4LlTemperatureSensors"/>).</param>
    /// <param name="scheduler">Runs the cadence, gaps and timeouts.</param>
    /// <param name="options">Log, trace, capture fallback, counters.</param>
    /// <param name="wire">How reads travel on the link: <see cref="ModbusWire.Rtu"/>, or a <see cref="ModbusWire.Tcp"/> for a Modbus TCP gateway.</param>
    public static IObservable<PackPoll> PollEg4Modbus(
        this IObservable<LinkStatus> link,
        BusOptions bus,
        IReadOnlyList<PolledPack> packs,
        int registerCount,
        int? temperatureSensors,
        IScheduler scheduler,
        PollerOptions options,
        ModbusWire wire)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wire);
        var spec = BusSpec<ModbusFrame>.Create(bus, wire.Frames, options) with { CaptureAs = wire.CaptureAs };
        return PolledBus.Run(link, spec, bus.PollInterval, scheduler, connection =>
            [.. packs.Select(pack => new Eg4ModbusPack(pack, bus, registerCount, temperatureSensors, connection, wire, scheduler, options.Log).Poll())]);
    }
}
