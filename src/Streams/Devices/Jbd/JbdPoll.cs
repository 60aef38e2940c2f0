using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;
using Streams.Polling;
using Streams.Polling.Bus;

namespace Streams.Devices.Jbd;

/// <summary>
/// The one JBD poll, for the UART and for Bluetooth alike: basic info (0x03), then cell voltages
/// (0x04), combined into one reading; the hardware version (0x05, the model) once per connection,
/// after the first answered poll of that connection; the protection counters (0xAA) once
/// <see cref="ErrorCountsEvery"/> has passed since the first answered poll, then again each time it
/// has passed since the last try (marbles/jbd/error-counts.marble), every reading carrying the last
/// counts read. Waiting first keeps the start (connect, first reading) as quick as before. Without the basic
/// info the poll fails; a BMS that does not answer 0x04, 0x05 or 0xAA costs neither the reading nor
/// the link. Only a lost link ends those reads with an error. Not thread-safe: a device's polls never overlap.
/// </summary>
internal sealed class JbdPoll
{
    private readonly Func<PollRequest<JbdFrame>, IObservable<JbdFrame>> _exchange;
    private readonly Func<Exception, bool> _isLinkLoss;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly PollRequest<JbdFrame> _basic;
    private readonly PollRequest<JbdFrame> _cells;
    private readonly PollRequest<JbdFrame> _hardware;
    private readonly PollRequest<JbdFrame> _errorCounts;
    private readonly OncePerConnection _hardwareRead = new();
    private DateTimeOffset? _errorCountsTried;
    private JbdErrorCounts? _lastErrorCounts;

    /// <summary>How often the protection counters are read: they change on rare events, and a read costs a round trip.</summary>
    public static readonly TimeSpan ErrorCountsEvery = TimeSpan.FromMinutes(5);

    /// <param name="device">The BMS before it has told its model.</param>
    /// <param name="link">The port or BLE address, for messages.</param>
    /// <param name="exchange">Writes one request on the current connection and waits for its reply.</param>
    /// <param name="isLinkLoss">Whether a failed exchange means the connection is gone (it then fails the poll).</param>
    /// <param name="scheduler">Stamps the readings.</param>
    /// <param name="log">Model and read problems.</param>
    public JbdPoll(
        DeviceInfo device,
        string link,
        Func<PollRequest<JbdFrame>, IObservable<JbdFrame>> exchange,
        Func<Exception, bool> isLinkLoss,
        IScheduler scheduler,
        ILogger log)
    {
        Device = device;
        _exchange = exchange;
        _isLinkLoss = isLinkLoss;
        _scheduler = scheduler;
        _log = log;
        _basic = JbdPollRequests.Read(JbdRegister.BasicInfo, link);
        _cells = JbdPollRequests.Read(JbdRegister.CellVoltages, link);
        _hardware = JbdPollRequests.Read(JbdRegister.HardwareVersion, link);
        _errorCounts = JbdPollRequests.Read(JbdRegister.ErrorCounts, link);
    }

    /// <summary>The BMS as known so far (the model once 0x05 answered).</summary>
    public DeviceInfo Device { get; private set; }

    /// <summary>The 0x03 request, for callers that read the MOSFET state before switching it.</summary>
    public PollRequest<JbdFrame> BasicInfo => _basic;

    /// <summary>
    /// One poll on connection <paramref name="generation"/> (1 for the first, +1 per reconnect): the
    /// reading, or the decode error of a basic-info reply. A failed 0x03 exchange ends it with that error.
    /// </summary>
    public IObservable<DecodeResult<Reading>> Read(int generation) => Observable.Defer(() =>
    {
        // Due times count from poll starts, which keep the cadence, not from reply times, which jitter.
        var started = _scheduler.Now;
        return _exchange(_basic)
            .Select(reply => JbdDecoder.DecodeBasicInfo(reply.Bytes.Span))
            .SelectMany(basic => basic.TryGetValue(out var info, out var error)
                ? ReadCells().SelectMany(cells => ReadHardwareIfDue(generation)
                    .SelectMany(_ => ReadErrorCountsIfDue(started))
                    .Select(_ => DecodeResult<Reading>.Success(JbdReadings.ToReading(Device, _scheduler.Now, info, cells, _lastErrorCounts))))
                : Observable.Return(DecodeResult<Reading>.Failure(error)));
    });

    private IObservable<JbdCellVoltages?> ReadCells() =>
        ReadOptional(_cells, reply => JbdDecoder.DecodeCellVoltages(reply.Bytes.Span), cells => (JbdCellVoltages?)cells, CellsUnknown);

    /// <summary>
    /// <paramref name="request"/>'s decoded reply through <paramref name="known"/>; a failed decode or
    /// exchange only gives <paramref name="unknown"/>'s value for the reason, except a lost link, which fails.
    /// </summary>
    private IObservable<TResult> ReadOptional<TDecoded, TResult>(
        PollRequest<JbdFrame> request, Func<JbdFrame, DecodeResult<TDecoded>> decode, Func<TDecoded, TResult> known, Func<string, TResult> unknown) =>
        _exchange(request)
            .Select(reply => decode(reply).TryGetValue(out var value, out var error) ? known(value) : unknown(error.Message))
            .Catch((Exception error) => _isLinkLoss(error) ? Observable.Throw<TResult>(error) : Observable.Return(unknown(error.Message)));

    private IObservable<Unit> ReadHardwareIfDue(int generation)
    {
        if (!_hardwareRead.IsDue(generation))
        {
            return Observable.Return(Unit.Default);
        }

        return ReadOptional(_hardware, reply => JbdDecoder.DecodeHardwareVersion(reply.Bytes.Span), Model, HardwareUnknown)
            .Finally(() => _hardwareRead.Tried(generation));
    }

    private IObservable<Unit> ReadErrorCountsIfDue(DateTimeOffset pollStarted)
    {
        _errorCountsTried ??= pollStarted;
        if (pollStarted - _errorCountsTried < ErrorCountsEvery)
        {
            return Observable.Return(Unit.Default);
        }

        _errorCountsTried = pollStarted;
        return ReadOptional(_errorCounts, reply => JbdDecoder.DecodeErrorCounts(reply.Bytes.Span), ErrorCounts, ErrorCountsUnknown);
    }

    private Unit ErrorCounts(JbdErrorCounts counts)
    {
        _lastErrorCounts = counts;
        return Unit.Default;
    }

    /// <summary>The last counts read stay published: a BMS without 0xAA simply never has them.</summary>
    private Unit ErrorCountsUnknown(string reason)
    {
        _log.Debug("BMS {Pack:l}: error counts (0xAA) not read: {Reason:l}", Device.Name, reason);
        return Unit.Default;
    }

    private JbdCellVoltages? CellsUnknown(string reason)
    {
        _log.Debug("BMS {Pack:l}: cell voltages (0x04) not read: {Reason:l}", Device.Name, reason);
        return null;
    }

    private Unit Model(string model)
    {
        if (model.Length > 0)
        {
            Device = Device with { Model = model };
            _log.Information("BMS {Pack:l}: model {Model:l}", Device.Name, model);
        }

        return Unit.Default;
    }

    private Unit HardwareUnknown(string reason)
    {
        _log.Information("BMS {Pack:l}: hardware version (0x05) not read: {Reason:l}", Device.Name, reason);
        return Unit.Default;
    }
}
