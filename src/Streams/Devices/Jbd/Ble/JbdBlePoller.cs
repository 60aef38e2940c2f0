using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Serilog;
using Streams.Config.Model;
using Streams.Core;
using Streams.Framing;
using Streams.Health;
using Streams.Polling;
using Streams.Polling.Bus;
using Streams.Sources.Bluetooth;

namespace Streams.Devices.Jbd.Ble;

/// <summary>
/// Polls one JBD / Xiaoxiang BMS over Bluetooth LE with one persistent connection, as the seed's
/// handler does (a connect per poll failed about half the time through proxies):
/// <list type="bullet">
/// <item>the first poll connects (then the <c>FF AA</c> password handshake when a password is configured);
/// later polls reuse the connection;</item>
/// <item>a dropped link is noticed at once and the next poll reconnects (the stale connection is told to
/// disconnect first);</item>
/// <item>a reply timeout forces a disconnect, so that the next poll starts clean;</item>
/// <item>each poll reads basic info (0x03) and cells (0x04) into one reading; the hardware version (0x05)
/// is asked once;</item>
/// <item>MOSFET commands (<see cref="SetMosfetsAsync"/>) use the same connection, one at a time with the polls.</item>
/// </list>
/// Each reading carries the link diagnostics of <see cref="BleLinkFields"/>. All waits run on the given scheduler.
/// </summary>
public sealed class JbdBlePoller
{
    private readonly IBleLink _link;
    private readonly JbdBleSourceConfig _source;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly FramingCounters _framing;
    private readonly CorrelationCounters _counters;
    private readonly OneAtATime _turns = new();
    private readonly PollSuccessWindow _successes = new(BleLinkFields.SuccessWindow);
    private readonly Lock _gate = new();

    // The edge where SetMosfetsAsync calls enter the running pipeline.
    private readonly Subject<MosfetRequest> _commands = new();
    private readonly PollRequest<JbdFrame> _basic;
    private readonly PollRequest<JbdFrame> _cells;
    private readonly PollRequest<JbdFrame> _hardware;
    private JbdBleSession? _session;
    private DeviceInfo _device;
    private bool _hardwareTried;
    private bool _running;

    /// <param name="link">The BMS's link (<see cref="BlueZLink"/>, or a fake).</param>
    /// <param name="source">Name, password, control permission, timeout and poll interval.</param>
    /// <param name="scheduler">Runs the cadence, timeouts and settle delay; stamps readings.</param>
    /// <param name="options">Log and counters.</param>
    public JbdBlePoller(IBleLink link, JbdBleSourceConfig source, IScheduler scheduler, PollerOptions options)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        _link = link;
        _source = source;
        _scheduler = scheduler;
        _log = options.Log;
        _framing = options.Framing ?? new FramingCounters();
        _counters = options.Counters ?? new CorrelationCounters();
        _basic = PollRequests.JbdRead(JbdRegister.BasicInfo, source.Mac);
        _cells = PollRequests.JbdRead(JbdRegister.CellVoltages, source.Mac);
        _hardware = PollRequests.JbdRead(JbdRegister.HardwareVersion, source.Mac);
        _device = PolledDevices.JbdBle(source.Name);
    }

    /// <summary>Bound of one connection attempt (discovery, connect, services, notify).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause after subscribing to notifications before the first request, as the seed makes.</summary>
    public TimeSpan NotifySettle { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// One <see cref="PackPoll"/> per poll cycle (every <see cref="JbdBleSourceConfig.PollInterval"/> from
    /// cycle start, never overlapping), plus one after each MOSFET command (its re-read). Failures are
    /// polls too, never errors. One subscriber at a time; disposing it disconnects.
    /// </summary>
    public IObservable<PackPoll> Polls => Observable.Create<PackPoll>(observer =>
    {
        lock (_gate)
        {
            if (_running)
            {
                observer.OnError(new InvalidOperationException($"BMS {_source.Name} is already being polled"));
                return Disposable.Empty;
            }

            _running = true;
        }

        var cycles = _turns.Run(Observable.Defer(PollOnce)).RepeatEvery(_source.PollInterval, _scheduler);
        var commands = _commands.SelectMany(request => _turns.Run(Observable.Defer(() => Command(request)))
            .Do(static _ => { }, request.Fail, request.Done)
            .Finally(request.Abandon)
            .Catch(Observable.Empty<PackPoll>()));
        var subscription = cycles.Merge(commands).Subscribe(observer);
        return Disposable.Create(() =>
        {
            subscription.Dispose();
            lock (_gate)
            {
                _running = false;
            }

            Drop(_session)?.Subscribe(static _ => { }, static _ => { });
        });
    });

    /// <summary>
    /// Switches the MOSFETs over the polling connection (0xE1; null = leave as it is, read from 0x03
    /// first), then re-reads the state, which <see cref="Polls"/> emits. Waits for the poll in progress.
    /// </summary>
    /// <exception cref="InvalidOperationException">control is not allowed for this BMS (<c>allow_control</c>),
    /// it is not being polled, or the BMS refused the command.</exception>
    /// <exception cref="TimeoutException">no answer (the link is then dropped and rebuilt).</exception>
    public Task SetMosfetsAsync(bool? charge, bool? discharge)
    {
        if (!_source.AllowControl)
        {
            return Task.FromException(new InvalidOperationException($"BMS {_source.Name}: control is not allowed (set allow_control: true)"));
        }

        var request = new MosfetRequest(charge, discharge);
        lock (_gate)
        {
            if (!_running)
            {
                return Task.FromException(new InvalidOperationException($"BMS {_source.Name} is not being polled"));
            }

            _commands.OnNext(request);
        }

        return request.Task;
    }

    private IObservable<PackPoll> PollOnce() =>
        Session()
            .SelectMany(ReadState)
            .Catch((Exception error) => FailedPoll(error));

    private IObservable<PackPoll> Command(MosfetRequest request) =>
        Session()
            .SelectMany(session => CurrentMosfets(session, request)
                .SelectMany(target => Exchange(session, JbdBleRequests.SetMosfets(target.Charge, target.Discharge, _source.Mac)))
                .Do(reply =>
                {
                    if (reply.IsError)
                    {
                        throw new InvalidOperationException($"BMS {_source.Name} refused the MOSFET command (status 0x{reply.Status:X2})");
                    }

                    _log.Information("BMS {Pack:l}: MOSFETs set (charge {Charge}, discharge {Discharge})", _source.Name, Describe(request.Charge), Describe(request.Discharge));
                }))
            .Catch((Exception error) => AfterFailure(error).SelectMany(_ => Observable.Throw<JbdFrame>(error)))
            .SelectMany(_ => PollOnce());

    private IObservable<(bool Charge, bool Discharge)> CurrentMosfets(JbdBleSession session, MosfetRequest request) =>
        request is { Charge: { } charge, Discharge: { } discharge }
            ? Observable.Return((charge, discharge))
            : Exchange(session, _basic).Select(reply =>
            {
                var basic = JbdDecoder.DecodeBasicInfo(reply.Bytes.Span).Value;
                return (request.Charge ?? basic.ChargeMosfetOn, request.Discharge ?? basic.DischargeMosfetOn);
            });

    private IObservable<JbdBleSession> Session()
    {
        if (_session is { IsUsable: true } current)
        {
            return Observable.Return(current);
        }

        var stale = Drop(_session) ?? Observable.Return(Unit.Default);
        return stale.SelectMany(_ => _link.Connect().Take(1).Timeout(ConnectTimeout, _scheduler))
            .Select(connection =>
            {
                var session = new JbdBleSession(connection, _scheduler, _framing, LinkLost);
                _session = session;
                _log.Information("BMS {Pack:l}: connected to {Address:l}", _source.Name, _link.Address);
                return session;
            })
            .SelectMany(session => Observable.Timer(NotifySettle, _scheduler).Select(_ => session))
            .SelectMany(session => _source.Password is null ? Observable.Return(session) : Authenticate(session).Select(_ => session));
    }

    private IObservable<Unit> Authenticate(JbdBleSession session)
    {
        var password = _source.Password!.Reveal();
        var mac = Convert.FromHexString(_source.Mac.Replace(":", string.Empty, StringComparison.Ordinal));
        return Handshake(session, JbdBleAuth.AppKey("000000"))
            .SelectMany(_ => Handshake(session, JbdBleAuth.RequestRandom()))
            .Select(random => random.Data.Count == 1
                ? random.Data[0]
                : throw new InvalidDataException($"BMS {_source.Name}: the random-byte reply has {random.Data.Count} bytes, not 1"))
            .SelectMany(random => Handshake(session, JbdBleAuth.Password(mac, password, random)))
            .Select(answer => answer.Data is [0x00]
                ? Unit.Default
                : throw new UnauthorizedAccessException($"BMS {_source.Name} refused the BLE password"));
    }

    private IObservable<JbdAuthFrame> Handshake(JbdBleSession session, byte[] request) =>
        session.AuthFrames.RequestReply(session.Connection.Write, JbdBleRequests.Handshake(request, _source.Mac), _source.Timeout, _scheduler, _counters);

    private IObservable<JbdFrame> Exchange(JbdBleSession session, PollRequest<JbdFrame> request) =>
        session.Frames.RequestReply(session.Connection.Write, request, _source.Timeout, _scheduler, _counters);

    private IObservable<PackPoll> ReadState(JbdBleSession session) =>
        Exchange(session, _basic)
            .Select(reply => JbdDecoder.DecodeBasicInfo(reply.Bytes.Span))
            .SelectMany(basic => basic.TryGetValue(out var info, out var error)
                ? ReadCells(session).SelectMany(cells => ReadHardwareOnce(session).Select(_ => Success(session, info, cells)))
                : Observable.Return(Failed(PollFailures.FromDecodeError(error))));

    private IObservable<JbdCellVoltages?> ReadCells(JbdBleSession session) =>
        Exchange(session, _cells).Select(reply =>
        {
            if (JbdDecoder.DecodeCellVoltages(reply.Bytes.Span).TryGetValue(out var cells, out var error))
            {
                return cells;
            }

            _log.Debug("BMS {Pack:l}: cell voltages (0x04) not read: {Reason:l}", _source.Name, error.Message);
            return null;
        });

    /// <summary>The model is asked once; a BMS that does not answer 0x05 must not cost a poll or the link.</summary>
    private IObservable<Unit> ReadHardwareOnce(JbdBleSession session)
    {
        if (_hardwareTried)
        {
            return Observable.Return(Unit.Default);
        }

        _hardwareTried = true;
        return Exchange(session, _hardware)
            .Select(reply => JbdDecoder.DecodeHardwareVersion(reply.Bytes.Span).TryGetValue(out var model, out var error)
                ? Model(model)
                : HardwareUnknown(error.Message))
            .Catch((Exception error) => error is BleLinkLostException
                ? Observable.Throw<Unit>(error)
                : Observable.Return(HardwareUnknown(error.Message)));
    }

    private Unit Model(string model)
    {
        if (model.Length > 0)
        {
            _device = _device with { Model = model };
            _log.Information("BMS {Pack:l}: model {Model:l}", _source.Name, model);
        }

        return Unit.Default;
    }

    private Unit HardwareUnknown(string reason)
    {
        _log.Information("BMS {Pack:l}: hardware version (0x05) not read: {Reason:l}", _source.Name, reason);
        return Unit.Default;
    }

    private PackPoll Success(JbdBleSession session, JbdBasicInfo basic, JbdCellVoltages? cells)
    {
        _successes.Add(true);
        var reading = JbdReadings.ToReading(_device, _scheduler.Now, basic, cells);
        var link = new BleLinkDiagnostics(session.Connection.Rssi, _successes.Percent, session.LastHeard);
        return PackPoll.Success(link.AppendTo(reading));
    }

    private PackPoll Failed(PollOutcome outcome)
    {
        _successes.Add(false);
        return PackPoll.Failure(_device, outcome, _scheduler.Now);
    }

    private IObservable<PackPoll> FailedPoll(Exception error) =>
        AfterFailure(error).Select(_ => Failed(PollOutcome.FromException(error)));

    /// <summary>A timeout or a refused handshake leaves the link in doubt: drop it so the next poll starts clean.</summary>
    private IObservable<Unit> AfterFailure(Exception error)
    {
        if (error is TimeoutException or UnauthorizedAccessException or InvalidDataException && _session is { } session)
        {
            _log.Information("BMS {Pack:l}: {Reason:l}; disconnecting so the next poll starts clean", _source.Name, error.Message);
            return Drop(session) ?? Observable.Return(Unit.Default);
        }

        return Observable.Return(Unit.Default);
    }

    private IObservable<Unit>? Drop(JbdBleSession? session)
    {
        if (session is null)
        {
            return null;
        }

        if (_session == session)
        {
            _session = null;
        }

        session.Dispose();
        return session.Connection.Disconnect().Catch(Observable.Return(Unit.Default)).LastOrDefaultAsync();
    }

    private void LinkLost(Exception error) =>
        _log.Information("BMS {Pack:l}: {Reason:l}; the next poll reconnects", _source.Name, error.Message);

    private static string Describe(bool? state) => state switch
    {
        true => "on",
        false => "off",
        null => "unchanged",
    };

    private sealed class MosfetRequest(bool? charge, bool? discharge)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool? Charge => charge;

        public bool? Discharge => discharge;

        public Task Task => _done.Task;

        public void Done() => _done.TrySetResult();

        public void Fail(Exception error) => _done.TrySetException(error);

        public void Abandon() => _done.TrySetCanceled();
    }
}
