using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;
using Streams.Polling;
using Streams.Polling.Bus;

namespace Streams.Devices.Jbd;

/// <summary>One JBD BMS on its UART: <see cref="JbdPoll"/> over the bus, one <see cref="PackPoll"/> per cycle.</summary>
internal sealed class JbdSerialDevice
{
    private readonly BusConnection<JbdFrame> _bus;
    private readonly IScheduler _scheduler;
    private readonly JbdPoll _poll;

    public JbdSerialDevice(string name, BusOptions options, BusConnection<JbdFrame> bus, IScheduler scheduler, ILogger log)
    {
        _bus = bus;
        _scheduler = scheduler;
        _poll = new JbdPoll(
            JbdDevice.Named(name),
            options.Port,
            request => bus.Exchange(request, options.Timeout),
            PollFailures.IsLinkLoss,
            scheduler,
            log);
    }

    public IObservable<PackPoll> Poll() =>
        Observable.Defer(() => _poll.Read(_bus.Generation))
            .Select(result => result.TryGetValue(out var reading, out var error)
                ? PackPoll.Success(reading)
                : PackPoll.Failure(_poll.Device, PollFailures.FromDecodeError(error), _scheduler.Now))
            .Catch((Exception error) => Observable.Return(
                PackPoll.Failure(_poll.Device, PollFailures.FromException(error, _bus.Port), _scheduler.Now)));
}
