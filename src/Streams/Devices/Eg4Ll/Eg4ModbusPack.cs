using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Modbus;
using Streams.Polling;
using Streams.Polling.Bus;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// One EG4-LL pack on a Modbus bus: reads the status block each cycle and, after the first answered
/// status read of each connection, the identity block once (its failure only leaves the identity unknown).
/// </summary>
internal sealed class Eg4ModbusPack
{
    private readonly BusConnection<ModbusFrame> _bus;
    private readonly ModbusFraming _framing;
    private readonly TimeSpan _timeout;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly byte _address;
    private readonly ushort _statusCount;
    private readonly string _port;
    private readonly OncePerConnection _identityRead = new();
    private DeviceInfo _device;

    public Eg4ModbusPack(PackConfig pack, Eg4ModbusSourceConfig source, BusConnection<ModbusFrame> bus, ModbusFraming framing, IScheduler scheduler, ILogger log)
    {
        _bus = bus;
        _framing = framing;
        _timeout = source.Timeout;
        _scheduler = scheduler;
        _log = log;
        _address = (byte)pack.Address;
        _statusCount = (ushort)source.RegisterCount;
        _port = source.Port;
        _device = PolledDevices.Eg4Ll(pack.Name);
    }

    public IObservable<PackPoll> Poll() =>
        Observable.Defer(() => _bus.Exchange(_framing.Read(_address, 0, _statusCount, _port), _timeout)
                .Select(DecodeStatus)
                .SelectMany(status => status.IsSuccess ? ReadIdentityIfDue().Select(_ => status) : Observable.Return(status))
                .Select(status => status.TryGetValue(out var value, out var error)
                    ? PackPoll.Success(Eg4LlReadings.ToReading(_device, _scheduler.Now, value))
                    : PackPoll.Failure(_device, PollFailures.FromDecodeError(error), _scheduler.Now)))
            .Catch((Exception error) => Observable.Return(
                PackPoll.Failure(_device, PollFailures.FromException(error, _bus.Port), _scheduler.Now)));

    private DecodeResult<Eg4LlStatus> DecodeStatus(ModbusFrame reply) =>
        ModbusReplies.Registers(reply).TryGetValue(out var registers, out var error)
            ? Eg4LlDecoder.DecodeStatus(registers, 0, _address)
            : error;

    private IObservable<Unit> ReadIdentityIfDue()
    {
        var generation = _bus.Generation;
        if (!_identityRead.IsDue(generation))
        {
            return Observable.Return(Unit.Default);
        }

        return _bus.Exchange(_framing.Read(_address, Eg4LlRegisterMap.IdentityStart, Eg4LlRegisterMap.IdentityCount, _port), _timeout)
            .Select(reply => ModbusReplies.Registers(reply).TryGetValue(out var registers, out var error)
                ? Eg4LlDecoder.DecodeIdentity(registers, Eg4LlRegisterMap.IdentityStart)
                : error)
            .Do(identity =>
            {
                if (identity.TryGetValue(out var value, out var error))
                {
                    _device = Eg4LlReadings.WithIdentity(_device, value);
                    _log.Information(
                        "pack {Pack:l}: model {Model:l}, firmware {Firmware:l}, serial {Serial:l}",
                        _device.Name, value.Model, value.Firmware, value.Serial);
                }
                else
                {
                    IdentityUnknown(error.Message);
                }
            })
            .Select(_ => Unit.Default)
            .Catch((Exception error) =>
            {
                IdentityUnknown(error.Message);
                return Observable.Return(Unit.Default);
            })
            .Finally(() => _identityRead.Tried(generation));
    }

    private void IdentityUnknown(string reason) =>
        _log.Information("pack {Pack:l}: identity (registers 105-127) not read: {Reason:l}", _device.Name, reason);
}
