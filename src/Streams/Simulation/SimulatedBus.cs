using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.Transports.Serial;

namespace Streams.Simulation;

/// <summary>
/// Serves simulated devices on one serial link (normally a pty's master side): cuts the received
/// bytes into requests with the protocol's framer, hands each request to the device at its address,
/// and writes the reply back, at once or after a reply delay on the given scheduler. Garbage,
/// replies heard on the line and requests for absent addresses are ignored; a device or write that
/// fails is counted in <see cref="Faults"/> and the bus keeps serving. It stops when the link ends
/// or the bus is disposed.
/// </summary>
internal sealed class SimulatedBus : IDisposable
{
    private readonly ISerialLink _link;
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _replyDelay;
    private readonly Dictionary<byte, ISimulatedDevice> _byAddress;
    private readonly CompositeDisposable _pendingReplies = [];
    private readonly SingleAssignmentDisposable _subscription = new();
    private long _answered;
    private long _unanswered;
    private long _faults;
    private volatile Exception? _lastFault;
    private volatile bool _stopped;

    private SimulatedBus(ISerialLink link, IReadOnlyList<ISimulatedDevice> devices, IScheduler scheduler, TimeSpan replyDelay)
    {
        _link = link;
        _scheduler = scheduler;
        _replyDelay = replyDelay;
        Devices = devices;
        Protocol = devices[0].Protocol;
        _byAddress = devices.ToDictionary(d => d.Address);
    }

    public SimulatedProtocol Protocol { get; }

    public IReadOnlyList<ISimulatedDevice> Devices { get; }

    /// <summary>Replies written.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Requests no device answered (another address, unknown command).</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Devices that threw and writes that failed.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>The latest fault, or the error that ended the link; null when none.</summary>
    public Exception? LastFault => _lastFault;

    /// <summary>False once the link ended or the bus was disposed.</summary>
    public bool IsRunning => !_stopped;

    /// <summary>Starts serving <paramref name="devices"/> on <paramref name="link"/>.</summary>
    /// <param name="link">The bus side of the line; the bus subscribes to it but does not own it.</param>
    /// <param name="devices">At least one device, all of one protocol, at distinct addresses; a bus of an unaddressed protocol holds exactly one.</param>
    /// <param name="scheduler">Runs delayed replies.</param>
    /// <param name="replyDelay">How long a device "thinks" before replying; zero replies at once, on the link's reader thread.</param>
    /// <exception cref="ArgumentException">No devices, mixed protocols, a repeated address, or several devices of an unaddressed protocol.</exception>
    public static SimulatedBus Start(ISerialLink link, IReadOnlyList<ISimulatedDevice> devices, IScheduler scheduler, TimeSpan replyDelay = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThan(replyDelay, TimeSpan.Zero);
        Validate(devices);
        var bus = new SimulatedBus(link, [.. devices], scheduler, replyDelay);
        bus._subscription.Disposable = bus.Protocol.Requests(link.Received).Subscribe(bus.Handle, bus.Stop, () => bus.Stop(null));
        return bus;
    }

    public void Dispose()
    {
        _stopped = true;
        _subscription.Dispose();
        _pendingReplies.Dispose();
    }

    private static void Validate(IReadOnlyList<ISimulatedDevice> devices)
    {
        if (devices.Count == 0)
        {
            throw new ArgumentException("A simulated bus needs at least one device.", nameof(devices));
        }

        if (devices.Any(d => !ReferenceEquals(d.Protocol, devices[0].Protocol)))
        {
            throw new ArgumentException("All devices on one simulated bus must speak the same protocol.", nameof(devices));
        }

        if (!devices[0].Protocol.Addressed && devices.Count > 1)
        {
            throw new ArgumentException($"The {devices[0].Protocol} protocol has no addresses: a bus holds one {devices[0].Protocol} device.", nameof(devices));
        }

        var repeated = devices.GroupBy(d => d.Address).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"Two simulated devices share address {repeated.Key}.", nameof(devices));
        }
    }

    // Runs on the link's reader thread: it must never throw, or the link would close.
    private void Handle(SimulatedRequest request)
    {
        try
        {
            var device = request.Address is { } address ? _byAddress.GetValueOrDefault(address) : Devices[0];
            var reply = device?.Answer(request.Bytes.Span);
            if (reply is null)
            {
                Interlocked.Increment(ref _unanswered);
                return;
            }

            if (_replyDelay == TimeSpan.Zero)
            {
                Send(reply);
                return;
            }

            var pending = new SingleAssignmentDisposable();
            _pendingReplies.Add(pending);
            pending.Disposable = _scheduler.Schedule(_replyDelay, () =>
            {
                _pendingReplies.Remove(pending);
                Send(reply);
            });
        }
        catch (Exception fault)
        {
            Fault(fault);
        }
    }

    private void Send(byte[] reply)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            _link.Write(reply);
            Interlocked.Increment(ref _answered);
        }
        catch (Exception fault)
        {
            Fault(fault);
        }
    }

    private void Fault(Exception fault)
    {
        Interlocked.Increment(ref _faults);
        _lastFault = fault;
    }

    private void Stop(Exception? error)
    {
        if (error is not null)
        {
            _lastFault = error;
        }

        _stopped = true;
    }
}
