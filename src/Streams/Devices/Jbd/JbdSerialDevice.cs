using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Config.Model;
using Streams.Core;
using Streams.Polling;
using Streams.Polling.Bus;

namespace Streams.Devices.Jbd;

/// <summary>
/// One JBD BMS on its UART: basic info (0x03) then cell voltages (0x04) each cycle, combined into one
/// reading, and the hardware version (0x05) once per connection after the first answered cycle. Without
/// the basic info the poll fails; without the cells the reading carries the basic info alone.
/// </summary>
internal sealed class JbdSerialDevice
{
    private readonly BusConnection<JbdFrame> _bus;
    private readonly TimeSpan _timeout;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly PollRequest<JbdFrame> _basic;
    private readonly PollRequest<JbdFrame> _cells;
    private readonly PollRequest<JbdFrame> _hardware;
    private readonly OncePerConnection _hardwareRead = new();
    private DeviceInfo _device;

    public JbdSerialDevice(JbdSerialSourceConfig source, BusConnection<JbdFrame> bus, IScheduler scheduler, ILogger log)
    {
        _bus = bus;
        _timeout = source.Timeout;
        _scheduler = scheduler;
        _log = log;
        _basic = PollRequests.JbdRead(JbdRegister.BasicInfo, source.Port);
        _cells = PollRequests.JbdRead(JbdRegister.CellVoltages, source.Port);
        _hardware = PollRequests.JbdRead(JbdRegister.HardwareVersion, source.Port);
        _device = PolledDevices.Jbd(source.Name);
    }

    public IObservable<PackPoll> Poll() =>
        Observable.Defer(() => _bus.Exchange(_basic, _timeout)
                .Select(reply => JbdDecoder.DecodeBasicInfo(reply.Bytes.Span))
                .SelectMany(basic => basic.TryGetValue(out var info, out var error)
                    ? ReadCells().SelectMany(cells => ReadHardwareIfDue().Select(_ => Success(info, cells)))
                    : Observable.Return(PackPoll.Failure(_device, PollFailures.FromDecodeError(error), _scheduler.Now))))
            .Catch((Exception error) => Observable.Return(
                PackPoll.Failure(_device, PollFailures.FromException(error, _bus.Port), _scheduler.Now)));

    private PackPoll Success(JbdBasicInfo basic, JbdCellVoltages? cells) =>
        PackPoll.Success(JbdReadings.ToReading(_device, _scheduler.Now, basic, cells));

    private IObservable<JbdCellVoltages?> ReadCells() =>
        _bus.Exchange(_cells, _timeout)
            .Select(reply => JbdDecoder.DecodeCellVoltages(reply.Bytes.Span))
            .Select(cells =>
            {
                if (cells.TryGetValue(out var value, out var error))
                {
                    return value;
                }

                _log.Debug("BMS {Pack:l}: cell voltages (0x04) not read: {Reason:l}", _device.Name, error.Message);
                return null;
            })
            .Catch((Exception error) =>
            {
                _log.Debug("BMS {Pack:l}: cell voltages (0x04) not read: {Reason:l}", _device.Name, error.Message);
                return Observable.Return<JbdCellVoltages?>(null);
            });

    private IObservable<System.Reactive.Unit> ReadHardwareIfDue()
    {
        var generation = _bus.Generation;
        if (!_hardwareRead.IsDue(generation))
        {
            return Observable.Return(System.Reactive.Unit.Default);
        }

        return _bus.Exchange(_hardware, _timeout)
            .Select(reply => JbdDecoder.DecodeHardwareVersion(reply.Bytes.Span))
            .Do(model =>
            {
                if (model.TryGetValue(out var text, out var error))
                {
                    if (text.Length > 0)
                    {
                        _device = _device with { Model = text };
                        _log.Information("BMS {Pack:l}: model {Model:l}", _device.Name, text);
                    }
                }
                else
                {
                    HardwareUnknown(error.Message);
                }
            })
            .Select(_ => System.Reactive.Unit.Default)
            .Catch((Exception error) =>
            {
                HardwareUnknown(error.Message);
                return Observable.Return(System.Reactive.Unit.Default);
            })
            .Finally(() => _hardwareRead.Tried(generation));
    }

    private void HardwareUnknown(string reason) =>
        _log.Information("BMS {Pack:l}: hardware version (0x05) not read: {Reason:l}", _device.Name, reason);
}
