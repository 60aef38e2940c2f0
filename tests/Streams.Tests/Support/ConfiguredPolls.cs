using System.Reactive.Concurrency;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Polling;
using Streams.Transports.Serial;

namespace Streams.Tests.Support;

/// <summary>The device pollers driven from a configuration record, translated the way each source kind translates it.</summary>
internal static class ConfiguredPolls
{
    public static IObservable<PackPoll> PollEg4Modbus(this IObservable<LinkStatus> link, Eg4ModbusSourceConfig source, IScheduler scheduler, PollerOptions options) =>
        link.PollEg4Modbus(Eg4ModbusKind.Bus(source), Packs.Polled(source.Packs), source.RegisterCount, scheduler, options);

    public static IObservable<PackPoll> PollEg4Legacy(this IObservable<LinkStatus> link, Eg4LegacySourceConfig source, IScheduler scheduler, PollerOptions options) =>
        link.PollEg4Legacy(Eg4LegacyKind.Bus(source), Packs.Polled(source.Packs), source.CellCount, scheduler, options);

    public static IObservable<PackPoll> PollJbdSerial(this IObservable<LinkStatus> link, JbdSerialSourceConfig source, IScheduler scheduler, PollerOptions options) =>
        link.PollJbdSerial(JbdSerialKind.Bus(source), source.Name, scheduler, options);

}
