using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;
using Streams.Framing;
using Streams.Health;
using Streams.Polling;
using Streams.Polling.Bus;
using Streams.Transports.Bluetooth;

namespace Streams.Devices.Jbd.Ble;

/// <summary>
/// The state of one subscription to <see cref="JbdBlePoller.Polls"/>: its connection (one at a
/// time), the queue that keeps polls and commands from interleaving, the poll, and the link
/// diagnostics. Polls and commands run one at a time (<see cref="OneAtATime"/>), so the session is
/// only touched from one of them, or from <see cref="Dispose"/> after they stopped.
/// </summary>
internal sealed class JbdBleRun : IDisposable
{
    private readonly IBleLink _link;
    private readonly JbdBleOptions _options;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly FramingCounters _framing;
    private readonly CorrelationCounters _counters;
    private readonly OneAtATime _turns = new();
    private readonly PollSuccessWindow _successes = new(BleLinkFields.SuccessWindow);
    private readonly JbdPoll _poll;
    private readonly Lock _gate = new();
    private JbdBleSession? _session;
    private int _generation;
    private bool _disposed;

    public JbdBleRun(IBleLink link, JbdBleOptions options, IScheduler scheduler, PollerOptions poller)
    {
        _link = link;
        _options = options;
        _scheduler = scheduler;
        _log = poller.Log;
        _framing = poller.Framing ?? new FramingCounters();
        _counters = poller.Counters ?? new CorrelationCounters();
        _poll = new JbdPoll(
            JbdBleDevice.Named(options.Name),
            options.Mac,
            request => Current() is { } session
                ? Exchange(session, request)
                : Observable.Throw<JbdFrame>(new BleLinkLostException($"BMS {options.Name}: not connected")),
            static error => error is BleLinkLostException,
            scheduler,
            _log);
    }

    /// <summary>The poll cycles, one at a time with the commands.</summary>
    public IObservable<PackPoll> Polls() =>
        _turns.Run(Observable.Defer(PollOnce)).RepeatEvery(_options.PollInterval, _scheduler);

    /// <summary>Switches a MOSFET, then re-reads (the one poll it emits); a refused or failed command is logged and emits nothing.</summary>
    public IObservable<PackPoll> Command(SwitchCommand command)
    {
        if (!_options.AllowControl)
        {
            _log.Warning("BMS {Pack:l}: {Switch} command refused: control is not allowed (set allow_control: true)", _options.Name, command.Switch);
            return Observable.Empty<PackPoll>();
        }

        if (MosfetRequest.From(command) is not { } request)
        {
            _log.Warning("BMS {Pack:l}: no switch {Switch}; command ignored", _options.Name, command.Switch);
            return Observable.Empty<PackPoll>();
        }

        return _turns.Run(Observable.Defer(() => Switch(request)))
            .Catch((Exception error) =>
            {
                _log.Warning("BMS {Pack:l}: MOSFET command ({Request}) failed: {Reason:l}", _options.Name, request.ToString(), error.Message);
                return Observable.Empty<PackPoll>();
            });
    }

    /// <summary>Ends the connection: its frame subscriptions at once, the link with a disconnect request.</summary>
    public void Dispose()
    {
        JbdBleSession? session;
        lock (_gate)
        {
            _disposed = true;
            session = _session;
            _session = null;
        }

        session?.Close();
    }

    private IObservable<PackPoll> PollOnce() =>
        Session()
            .SelectMany(_ => _poll.Read(_generation))
            .Select(result => result.TryGetValue(out var reading, out var error)
                ? Success(reading)
                : Failed(PollFailures.FromDecodeError(error)))
            .Catch((Exception error) => AfterFailure(error).Select(_ => Failed(PollOutcome.FromException(error))));

    private IObservable<PackPoll> Switch(MosfetRequest request) =>
        Session()
            .SelectMany(session => Target(session, request)
                .SelectMany(target => Exchange(session, JbdPollRequests.SetMosfets(target.Charge, target.Discharge, _options.Mac)))
                .Select(reply => reply.IsError
                    ? throw new InvalidOperationException($"BMS {_options.Name} refused the MOSFET command (status 0x{reply.Status:X2})")
                    : reply))
            .Do(_ => _log.Information("BMS {Pack:l}: MOSFETs set ({Request})", _options.Name, request.ToString()))
            .Catch((Exception error) => AfterFailure(error).SelectMany(_ => Observable.Throw<JbdFrame>(error)))
            .SelectMany(_ => PollOnce());

    /// <summary>The MOSFET states to write: the request's, with a null one read from 0x03 first.</summary>
    private IObservable<(bool Charge, bool Discharge)> Target(JbdBleSession session, MosfetRequest request) =>
        request is { Charge: { } charge, Discharge: { } discharge }
            ? Observable.Return((charge, discharge))
            : Exchange(session, _poll.BasicInfo).Select(reply =>
            {
                var basic = JbdDecoder.DecodeBasicInfo(reply.Bytes.Span).Value;
                return (request.Charge ?? basic.ChargeMosfetOn, request.Discharge ?? basic.DischargeMosfetOn);
            });

    private IObservable<JbdBleSession> Session()
    {
        var current = Current();
        if (current is { IsUsable: true })
        {
            return Observable.Return(current);
        }

        var stale = current is null ? Observable.Return(Unit.Default) : Drop(current);
        return stale.SelectMany(_ => _link.Connect().Take(1).Timeout(_options.ConnectTimeout, _scheduler))
            .Select(Open)
            .SelectMany(session => Observable.Timer(_options.NotifySettle, _scheduler).Select(_ => session))
            .SelectMany(session => _options.Password is { } password
                ? JbdBleHandshake.Authenticate(session, _options.Name, _options.Mac, password, _options.Timeout, _scheduler, _counters).Select(_ => session)
                : Observable.Return(session));
    }

    private JbdBleSession Open(IBleConnection connection)
    {
        var session = new JbdBleSession(connection, _scheduler, _framing, LinkLost);
        bool disposed;
        lock (_gate)
        {
            disposed = _disposed;
            if (!disposed)
            {
                _session = session;
                _generation++;
            }
        }

        if (disposed)
        {
            session.Close();
            throw new ObjectDisposedException(nameof(JbdBleRun));
        }

        _log.Information("BMS {Pack:l}: connected to {Address:l}", _options.Name, _link.Address);
        return session;
    }

    private JbdBleSession? Current()
    {
        lock (_gate)
        {
            return _session;
        }
    }

    private IObservable<JbdFrame> Exchange(JbdBleSession session, PollRequest<JbdFrame> request) =>
        session.Frames.RequestReply(session.Connection.Write, request, _options.Timeout, _scheduler, _counters);

    private PackPoll Success(Reading reading)
    {
        _successes.Add(true);
        var session = Current();
        var link = new BleLinkDiagnostics(session?.Connection.Rssi, _successes.Percent, session?.LastHeard);
        return PackPoll.Success(link.AppendTo(reading));
    }

    private PackPoll Failed(PollOutcome outcome)
    {
        _successes.Add(false);
        return PackPoll.Failure(_poll.Device, outcome, _scheduler.Now);
    }

    /// <summary>A timeout or a refused handshake leaves the link in doubt: drop it so the next poll starts clean.</summary>
    private IObservable<Unit> AfterFailure(Exception error)
    {
        if (error is TimeoutException or UnauthorizedAccessException or InvalidDataException && Current() is { } session)
        {
            _log.Information("BMS {Pack:l}: {Reason:l}; disconnecting so the next poll starts clean", _options.Name, error.Message);
            return Drop(session);
        }

        return Observable.Return(Unit.Default);
    }

    /// <summary>Forgets <paramref name="session"/> (if still current), ends its frames and disconnects it.</summary>
    private IObservable<Unit> Drop(JbdBleSession session)
    {
        lock (_gate)
        {
            if (_session == session)
            {
                _session = null;
            }
        }

        return session.Disconnect();
    }

    private void LinkLost(Exception error) =>
        _log.Information("BMS {Pack:l}: {Reason:l}; the next poll reconnects", _options.Name, error.Message);
}
