using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;
using Streams.Polling;
using Streams.Polling.Bus;

namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// One legacy EG4 pack on a "7E" bus: general status (0x01) each cycle and, after the first answered
/// status of each connection, the firmware (0x33) and hardware (0x42) texts once.
/// </summary>
internal sealed class Eg4LegacyPack
{
    private readonly BusConnection<Eg4LegacyFrame> _bus;
    private readonly TimeSpan _timeout;
    private readonly int _cellCount;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly PollRequest<Eg4LegacyFrame> _status;
    private readonly PollRequest<Eg4LegacyFrame> _firmware;
    private readonly PollRequest<Eg4LegacyFrame> _hardware;
    private readonly OncePerConnection _versionsRead = new();
    private DeviceInfo _device;

    public Eg4LegacyPack(PolledPack pack, BusOptions options, int cellCount, BusConnection<Eg4LegacyFrame> bus, IScheduler scheduler, ILogger log)
    {
        _bus = bus;
        _timeout = options.Timeout;
        _cellCount = cellCount;
        _scheduler = scheduler;
        _log = log;
        _status = Eg4LegacyPollRequests.Command(pack.Address, Eg4LegacyCommand.GeneralStatus, options.Port);
        _firmware = Eg4LegacyPollRequests.Command(pack.Address, Eg4LegacyCommand.FirmwareVersion, options.Port);
        _hardware = Eg4LegacyPollRequests.Command(pack.Address, Eg4LegacyCommand.HardwareVersion, options.Port);
        _device = Eg4LegacyDevice.Named(pack.Name);
    }

    public IObservable<PackPoll> Poll() =>
        Observable.Defer(() => _bus.Exchange(_status, _timeout)
                .Select(reply => Eg4LegacyDecoder.DecodeStatus(reply.Bytes.Span).Map(LimitCells))
                .SelectMany(status => status.IsSuccess ? ReadVersionsIfDue().Select(_ => status) : Observable.Return(status))
                .Select(status => status.TryGetValue(out var value, out var error)
                    ? PackPoll.Success(Eg4LegacyReadings.ToReading(_device, _scheduler.Now, value))
                    : PackPoll.Failure(_device, PollFailures.FromDecodeError(error), _scheduler.Now)))
            .Catch((Exception error) => Observable.Return(
                PackPoll.Failure(_device, PollFailures.FromException(error, _bus.Port), _scheduler.Now)));

    private Eg4LegacyStatus LimitCells(Eg4LegacyStatus status) =>
        status.CellMillivolts.Count > _cellCount ? status with { CellMillivolts = status.CellMillivolts.Take(_cellCount).ToArray() } : status;

    private IObservable<Unit> ReadVersionsIfDue()
    {
        var generation = _bus.Generation;
        return _versionsRead.IsDue(generation)
            ? ReadText(_firmware, Eg4LegacyCommand.FirmwareVersion, text => _device with { Firmware = text })
                .Concat(ReadText(_hardware, Eg4LegacyCommand.HardwareVersion, text => _device with { Model = text }))
                .LastAsync()
                .Finally(() => _versionsRead.Tried(generation))
            : Observable.Return(Unit.Default);
    }

    private IObservable<Unit> ReadText(PollRequest<Eg4LegacyFrame> request, Eg4LegacyCommand command, Func<string, DeviceInfo> apply) =>
        _bus.Exchange(request, _timeout)
            .Select(reply => Eg4LegacyDecoder.DecodeText(reply.Bytes.Span, command))
            .Do(text =>
            {
                if (text.TryGetValue(out var value, out var error))
                {
                    if (value.Text.Length > 0)
                    {
                        _device = apply(value.Text);
                        _log.Information("pack {Pack:l}: {Command} {Text:l}", _device.Name, command, value.Text);
                    }
                }
                else
                {
                    VersionUnknown(command, error.Message);
                }
            })
            .Select(_ => Unit.Default)
            .Catch((Exception error) =>
            {
                VersionUnknown(command, error.Message);
                return Observable.Return(Unit.Default);
            });

    private void VersionUnknown(Eg4LegacyCommand command, string reason) =>
        _log.Information("pack {Pack:l}: {Command} not read: {Reason:l}", _device.Name, command, reason);
}
