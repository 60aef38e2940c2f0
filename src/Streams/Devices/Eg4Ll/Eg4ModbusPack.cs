using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;
using Streams.Devices.Modbus;
using Streams.Polling;
using Streams.Polling.Bus;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// One EG4-LL pack on a Modbus bus: reads the status block each cycle and, after the first answered
/// status read of each connection, the identity block once (its failure only leaves the identity unknown).
/// A status read that comes back as the master map makes the cycle's reading the bank's, from the master
/// reads (<see cref="Eg4ModbusMasterReads"/>), under the same name with the master's model.
/// </summary>
internal sealed class Eg4ModbusPack
{
    private readonly BusConnection<ModbusFrame> _bus;
    private readonly TimeSpan _timeout;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly ModbusWire _wire;
    private readonly byte _address;
    private readonly ushort _registerCount;
    private readonly string _port;
    private readonly OncePerConnection _identityRead = new();
    private readonly Eg4LlTemperatureSensors _sensors;
    private readonly Eg4ModbusMasterReads _master;
    private readonly DeviceInfo _masterDevice;
    private DeviceInfo _device;

    /// <param name="temperatureSensors">The configured NTC sensor count, or null to decide from what the pack reports.</param>
    public Eg4ModbusPack(
        PolledPack pack, BusOptions options, int registerCount, int? temperatureSensors, BusConnection<ModbusFrame> bus, ModbusWire wire, IScheduler scheduler, ILogger log)
    {
        _sensors = new Eg4LlTemperatureSensors(temperatureSensors);
        _bus = bus;
        _wire = wire;
        _timeout = options.Timeout;
        _scheduler = scheduler;
        _log = log;
        _address = pack.Address;
        _registerCount = (ushort)registerCount;
        _port = options.Port;
        _device = Eg4LlDevice.Named(pack.Name);
        _masterDevice = Eg4LlDevice.Master(pack.Name);
        _master = new Eg4ModbusMasterReads(pack.Address, registerCount, options, bus, wire);
    }

    public IObservable<PackPoll> Poll() =>
        Observable.Defer(() => _bus.Exchange(_wire.Read(_address, 0, _registerCount, _port), _timeout)
                .SelectMany(reply => Eg4LlReplies.MasterMap(reply) is { } registers ? PollMaster(registers) : PollSlave(reply)))
            .Catch((Exception error) => Observable.Return(
                PackPoll.Failure(_device, PollFailures.FromException(error, _bus.Port), _scheduler.Now)));

    private IObservable<PackPoll> PollSlave(ModbusFrame reply)
    {
        var status = Eg4LlReplies.Status(reply);
        return (status.IsSuccess ? ReadIdentityIfDue().Select(_ => status) : Observable.Return(status))
            .Select(decoded => decoded.TryGetValue(out var value, out var error)
                ? PackPoll.Success(Eg4LlReadings.ToReading(_device, _scheduler.Now, value, _sensors))
                : PackPoll.Failure(_device, PollFailures.FromDecodeError(error), _scheduler.Now));
    }

    private IObservable<PackPoll> PollMaster(ushort[] statusRegisters) =>
        _master.Read(statusRegisters).Select(decoded => decoded.TryGetValue(out var value, out var error)
            ? PackPoll.Success(Eg4LlMasterReadings.ToReading(_masterDevice, _scheduler.Now, value))
            : PackPoll.Failure(_masterDevice, PollFailures.FromDecodeError(error), _scheduler.Now));

    private IObservable<Unit> ReadIdentityIfDue()
    {
        var generation = _bus.Generation;
        if (!_identityRead.IsDue(generation))
        {
            return Observable.Return(Unit.Default);
        }

        return _bus.Exchange(_wire.Read(_address, Eg4LlRegisterMap.IdentityStart, Eg4LlRegisterMap.IdentityCount, _port), _timeout)
            .Select(Eg4LlReplies.Identity)
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
