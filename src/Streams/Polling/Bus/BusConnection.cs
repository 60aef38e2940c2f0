using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Framing;
using Streams.Transports.Capture;
using Streams.Transports.Serial;

namespace Streams.Polling.Bus;

/// <summary>
/// Follows a bus's link statuses: a <see cref="BusSession{TFrame}"/> while connected, the reason
/// while not. Exchanges run on the current session, keeping the bus's inter-frame gap; while
/// disconnected they fail at once with <see cref="PortDisconnectedException"/>, so a dead port costs
/// nothing but a failed outcome per due poll.
/// </summary>
internal sealed class BusConnection<TFrame> : IDisposable
    where TFrame : class
{
    private readonly BusSpec<TFrame> _spec;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly LinkStatusLog _statusLog;
    private readonly Lock _gate = new();
    private readonly IDisposable _statuses;
    private BusSession<TFrame>? _session;
    private Exception? _lost;
    private bool _disposed;
    private int _generation;
    private DateTimeOffset _quietSince = DateTimeOffset.MinValue;

    public BusConnection(IObservable<LinkStatus> statuses, BusSpec<TFrame> spec, IScheduler scheduler)
    {
        _spec = spec;
        _scheduler = scheduler;
        _log = spec.Options.Log;
        _statusLog = new LinkStatusLog(_log, spec.Port);
        _statuses = statuses.Subscribe(OnStatus, static _ => { }, static () => { });
    }

    public string Port => _spec.Port;

    /// <summary>Counts connections: 1 after the first open, +1 per reopen. Per-connection work (identity reads) keys on it.</summary>
    public int Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>Waits out the gap, writes the request on the live link, and waits for its reply.</summary>
    public IObservable<TFrame> Exchange(PollRequest<TFrame> request, TimeSpan timeout) =>
        Observable.Defer(() =>
        {
            if (Current() is null)
            {
                return Disconnected();
            }

            var wait = QuietUntil() - _scheduler.Now;
            var exchange = Observable.Defer(() => Current() is { } session
                    ? session.Exchange(request, timeout, _scheduler)
                    : Disconnected())
                .Do(_ => MarkQuiet(), _ => MarkQuiet());
            return wait > TimeSpan.Zero
                ? Observable.Timer(wait, _scheduler).SelectMany(_ => exchange)
                : exchange;
        });

    public void Dispose()
    {
        BusSession<TFrame>? session;
        lock (_gate)
        {
            _disposed = true;
            session = _session;
            _session = null;
        }

        _statuses.Dispose();
        session?.Dispose();
    }

    private IObservable<TFrame> Disconnected()
    {
        lock (_gate)
        {
            return Observable.Throw<TFrame>(new PortDisconnectedException(_spec.Port, _lost));
        }
    }

    private BusSession<TFrame>? Current()
    {
        lock (_gate)
        {
            return _session;
        }
    }

    private DateTimeOffset QuietUntil()
    {
        lock (_gate)
        {
            return _quietSince == DateTimeOffset.MinValue ? _quietSince : _quietSince + _spec.Gap;
        }
    }

    private void MarkQuiet()
    {
        lock (_gate)
        {
            _quietSince = _scheduler.Now;
        }
    }

    private void OnStatus(LinkStatus status)
    {
        BusSession<TFrame>? retired = null;
        switch (status)
        {
            case LinkStatus.Connected connected:
                var captured = Captured(connected.Link);
                var link = Traced(captured);
                var session = new BusSession<TFrame>(link, FramesOf(link), _spec.Counters, owned: captured as CapturingSerialLink);
                lock (_gate)
                {
                    if (_disposed)
                    {
                        session.Dispose();
                        return;
                    }

                    retired = _session;
                    _session = session;
                    _lost = null;
                    _generation++;
                }

                break;

            case LinkStatus.Disconnected disconnected:
                lock (_gate)
                {
                    retired = _session;
                    _session = null;
                    _lost = disconnected.Reason;
                }

                break;
        }

        retired?.Dispose();
        _statusLog.Write(status);
    }

    private ISerialLink Traced(ISerialLink link) => _spec.Options.Trace ? new TracingSerialLink(link, _log) : link;

    /// <summary>With a capture file, both directions are recorded: queries and replies, as on the wire.</summary>
    private ISerialLink Captured(ISerialLink link)
    {
        if (_spec.CapturePath is not { } capture)
        {
            return link;
        }

        void Stopped(CaptureFileException failure) =>
            _log.Warning("port {Port:l}: capture stopped: {Reason:l}", _spec.Port, failure.Message);

        try
        {
            return new CapturingSerialLink(link, capture, Stopped);
        }
        catch (CaptureFileException failure)
        {
            Stopped(failure);
            return link;
        }
    }

    private IObservable<TFrame> FramesOf(ISerialLink link)
    {
        var frames = _spec.Framing(link.Received);
        return _spec.Options.Trace ? frames.TraceFrames(_log, _spec.Port) : frames;
    }
}
