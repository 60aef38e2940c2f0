using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using Serilog;
using Streams.Bench.Baseline.Formatter;
using Streams.Bench.Baseline.Packets;
using Streams.Bench.Baseline.Transport;

namespace Streams.Bench.Baseline;

/// <summary>
/// MQTT 3.1.1 client for a long-running bridge: reconnects with backoff (slowly when refused),
/// keeps QoS 1 publishes until PUBACK and re-sends them (same id, DUP=1, original order) after a
/// reconnect, renews subscriptions, pings when idle and drops a connection whose broker stopped
/// answering. Disposal publishes the shutdown message, then DISCONNECTs so the will stays unsent.
/// All timing runs on the injected <see cref="IScheduler"/>.
/// </summary>
public sealed class MqttClient : IMqttClient
{
    private const int PumpBatch = 64;

    private readonly MqttClientOptions _options;
    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly Func<double> _jitter;
    private readonly MqttPacketIdAllocator _ids = new();
    private readonly MqttInFlightStore _inFlight;
    private readonly object _gate = new();
    private readonly Dictionary<string, MqttSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<ushort, PendingAck> _pendingAcks = [];
    private static readonly MqttConnectionState NotStarted = new MqttConnectionState.Disconnected("not started", TimeSpan.Zero);
    private readonly ReplaySubject<MqttConnectionState> _states = new(bufferSize: 1);
    private readonly Subject<MqttApplicationMessage> _messages = new();
    private readonly SingleAssignmentDisposable _supervision = new();
    private TaskCompletionSource _attemptFinished = CompletedSource();
    private MqttConnection? _active;
    private MqttConnectionState _current = NotStarted;
    private int _started;
    private int _disposed;
    private bool _pumping;
    private volatile bool _stopping;

    /// <param name="options">Validated here; an unusable setting throws <see cref="ArgumentException"/> with a one-line reason.</param>
    /// <param name="scheduler">Drives every timer: keep-alive, timeouts, reconnect delays.</param>
    /// <param name="jitter">Reconnect jitter samples in [0, 1); defaults to <see cref="Random.Shared"/>.</param>
    public MqttClient(MqttClientOptions options, IScheduler scheduler, ILogger? logger = null, Func<double>? jitter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        options.Validate();
        _options = options;
        _scheduler = scheduler;
        _logger = (logger ?? Serilog.Core.Logger.None).ForContext<MqttClient>();
        _jitter = jitter ?? Random.Shared.NextDouble;
        _inFlight = new MqttInFlightStore(_ids);
    }

    public IObservable<MqttConnectionState> States => _states.AsObservable();

    public IObservable<MqttConnectionState.Connected> Connected => _states.OfType<MqttConnectionState.Connected>();

    public IObservable<MqttApplicationMessage> Messages => _messages.AsObservable();

    /// <summary>The latest state; "Disconnected (not started)" before <see cref="Start"/>.</summary>
    public MqttConnectionState CurrentState => Volatile.Read(ref _current);

    /// <summary>QoS 1 publishes not yet acknowledged (sent or waiting to be sent).</summary>
    internal int InFlightCount
    {
        get
        {
            lock (_gate)
            {
                return _inFlight.Count;
            }
        }
    }

    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        _supervision.Disposable = MqttReconnect
            .Supervise(ConnectOnce, _options.Reconnect, _scheduler, _jitter, _logger)
            .Subscribe(
                state =>
                {
                    Volatile.Write(ref _current, state);
                    _states.OnNext(state);
                },
                e => _logger.Error(e, "MQTT reconnect loop failed"));
    }

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        Start();
        MqttConnectionState outcome;
        try
        {
            outcome = await _states
                .Where(s => s is MqttConnectionState.Connected
                    || (s is MqttConnectionState.Refused refused && !new MqttConnectionRefusedException(refused.Code).IsRetryable))
                .FirstAsync()
                .ToTask(cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(MqttClient), "the MQTT client was disposed before it connected");
        }

        if (outcome is MqttConnectionState.Refused r)
        {
            throw new MqttConnectionRefusedException(r.Code);
        }
    }

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qos, bool retain, CancellationToken cancellationToken = default)
    {
        MqttTopic.ValidateName(topic);
        if (qos is not (MqttQualityOfService.AtMostOnce or MqttQualityOfService.AtLeastOnce))
        {
            throw new ArgumentOutOfRangeException(nameof(qos), qos, "QoS must be 0 or 1");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        return PublishCoreAsync(topic, payload, qos, retain, cancellationToken);
    }

    public async Task<MqttSubscribeReturnCode> SubscribeAsync(string filter, MqttQualityOfService maximumQos, CancellationToken cancellationToken = default)
    {
        MqttTopic.ValidateFilter(filter);
        if (maximumQos is not (MqttQualityOfService.AtMostOnce or MqttQualityOfService.AtLeastOnce))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumQos), maximumQos, "QoS must be 0 or 1");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var subscription = new MqttSubscription(filter, maximumQos);
        MqttConnection? connection;
        lock (_gate)
        {
            _subscriptions[filter] = subscription;
            connection = _active;
        }

        if (connection is not null)
        {
            await SendSubscribeAsync(connection, [subscription], cancellationToken).ConfigureAwait(false);
        }

        return await subscription.FirstAck.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UnsubscribeAsync(string filter, CancellationToken cancellationToken = default)
    {
        MqttTopic.ValidateFilter(filter);
        MqttConnection? connection;
        lock (_gate)
        {
            if (_subscriptions.Remove(filter, out var removed))
            {
                removed.FirstAck.TrySetCanceled(CancellationToken.None);
            }

            connection = _active;
        }

        if (connection is null)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = await SendWithAckAsync(
            connection,
            id => new MqttUnsubscribePacket(id, [filter]),
            new PendingAck(connection, _ => done.TrySetResult(), () => done.TrySetResult()),
            cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var connection = Volatile.Read(ref _active);
        if (connection is { IsOpen: true })
        {
            if (_options.ShutdownMessage is { } goodbye)
            {
                await PublishShutdownMessageAsync(goodbye).ConfigureAwait(false);
            }

            _stopping = true;
            using var bound = new CancellationTokenSource();
            using var timer = _scheduler.CancelAfter(bound, _options.ShutdownTimeout);
            await connection.DisconnectAsync(bound.Token).ConfigureAwait(false);
        }

        _stopping = true;
        _supervision.Dispose();
        await WaitForAttemptToFinishAsync().ConfigureAwait(false);

        var disposed = new ObjectDisposedException(nameof(MqttClient), "the MQTT client was disposed");
        lock (_gate)
        {
            _inFlight.FailAll(disposed);
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.FirstAck.TrySetException(disposed);
            }

            _subscriptions.Clear();
        }

        _states.OnCompleted();
        _messages.OnCompleted();
        _logger.Debug("MQTT client {ClientId} stopped", _options.ClientId);
    }

    /// <summary>Drops the current connection without DISCONNECT (as a crash or a dead link would); the broker publishes the will and the client reconnects.</summary>
    internal void DropConnection(string reason) => Volatile.Read(ref _active)?.Abort(reason);

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private async Task PublishCoreAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qos, bool retain, CancellationToken cancellationToken)
    {
        if (qos == MqttQualityOfService.AtMostOnce)
        {
            var connection = Volatile.Read(ref _active)
                ?? throw new MqttNotConnectedException($"not connected to {_options.Host}:{_options.Port}; QoS 0 message to '{topic}' not sent");
            await connection.SendAsync(new MqttPublishPacket { Topic = topic, Payload = payload, Retain = retain }, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The order is fixed here, synchronously: the pump sends strictly in queue order, so
        // publishes leave in call order however their awaits are scheduled.
        var entry = new MqttInFlightPublish(topic, payload.ToArray(), retain);
        lock (_gate)
        {
            if (_inFlight.UnsentCount >= _options.MaxQueued)
            {
                throw new InvalidOperationException(
                    $"MQTT publish queue is full ({_options.MaxQueued} QoS 1 messages waiting for {_options.Host}:{_options.Port}); message to '{topic}' not queued");
            }

            _inFlight.Enqueue(entry);
        }

        KickPump();
        try
        {
            await entry.Acknowledged.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                // Not sent yet: take it back rather than send it after the caller gave up.
                _inFlight.RemoveUnsent(entry);
            }

            throw;
        }
    }

    /// <summary>Starts the pump that sends queued QoS 1 publishes, unless it is already running.</summary>
    private void KickPump()
    {
        lock (_gate)
        {
            if (_pumping || _active is null || !_inFlight.HasSendable(_options.MaxInFlight))
            {
                return;
            }

            _pumping = true;
        }

        _ = PumpAsync();
    }

    /// <summary>
    /// The only writer of first-time QoS 1 publishes: takes them in queue order while the in-flight
    /// window has room, holding the connection's writer so nothing interleaves. Its exit condition is
    /// checked under the same lock KickPump takes, so no wake-up is lost.
    /// </summary>
    private async Task PumpAsync()
    {
        while (true)
        {
            MqttConnection? connection;
            lock (_gate)
            {
                connection = _active;
                if (connection is not { IsOpen: true } || !_inFlight.HasSendable(_options.MaxInFlight))
                {
                    _pumping = false;
                    return;
                }
            }

            try
            {
                using (await connection.LockWriterAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    var batch = new List<MqttPacket>(PumpBatch);
                    while (true)
                    {
                        batch.Clear();
                        lock (_gate)
                        {
                            while (batch.Count < PumpBatch && _active == connection && _inFlight.TryTakeNextUnsent(_options.MaxInFlight, out var next))
                            {
                                batch.Add(next!.Packet!);
                            }
                        }

                        if (batch.Count == 0)
                        {
                            break;
                        }

                        await connection.WriteLockedAsync(batch).ConfigureAwait(false);
                    }
                }
            }
            catch (MqttNotConnectedException)
            {
                // Taken entries count as sent: the next connection re-sends them with DUP=1.
            }
        }
    }

    private async Task PublishShutdownMessageAsync(MqttShutdownMessage goodbye)
    {
        using var bound = new CancellationTokenSource();
        using var timer = _scheduler.CancelAfter(bound, _options.ShutdownTimeout);
        try
        {
            await PublishCoreAsync(goodbye.Topic, goodbye.Payload, MqttQualityOfService.AtLeastOnce, retain: true, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.Warning("MQTT shutdown message to {Topic} not acknowledged within {Timeout} s", goodbye.Topic, _options.ShutdownTimeout.TotalSeconds);
        }
        catch (Exception e) when (e is MqttNotConnectedException or InvalidOperationException)
        {
            _logger.Warning("MQTT shutdown message to {Topic} not sent: {Reason}", goodbye.Topic, e.Message);
        }
    }

    private async Task WaitForAttemptToFinishAsync()
    {
        using var bound = new CancellationTokenSource();
        using var timer = _scheduler.CancelAfter(bound, _options.ShutdownTimeout);
        try
        {
            await Volatile.Read(ref _attemptFinished).Task.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.Warning("MQTT connection did not close within {Timeout} s of shutdown", _options.ShutdownTimeout.TotalSeconds);
        }
    }

    private IObservable<MqttConnectionState.Connected> ConnectOnce() =>
        Observable.Create<MqttConnectionState.Connected>(async (observer, cancellationToken) =>
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _attemptFinished, finished);
            try
            {
                await RunConnectionAsync(observer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                finished.TrySetResult();
            }
        });

    private async Task RunConnectionAsync(IObserver<MqttConnectionState.Connected> observer, CancellationToken cancellationToken)
    {
        var connection = await MqttConnection.OpenAsync(_options, _scheduler, _logger, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Start(packet =>
            {
                OnPacket(connection, packet);
                return ValueTask.CompletedTask;
            });
            Exception reason;
            try
            {
                await RestoreSessionAsync(connection, cancellationToken).ConfigureAwait(false);
                if (connection.IsOpen)
                {
                    _logger.Information("MQTT connected to {Broker} as {ClientId}", connection.Description, _options.ClientId);
                    observer.OnNext(new MqttConnectionState.Connected(connection.SessionPresent));
                }

                reason = await connection.Closed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Detach(connection);
            }

            if (!_stopping)
            {
                throw reason;
            }
        }
    }

    /// <summary>
    /// Renews subscriptions and re-sends unacknowledged publishes before anyone else may write, then
    /// makes the connection the active one. Holding the writer while taking the snapshot is what
    /// keeps the original order: a publish that misses the snapshot waits for the writer.
    /// </summary>
    private async Task RestoreSessionAsync(MqttConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            using (await connection.LockWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                List<MqttSubscription> subscriptions;
                IReadOnlyList<MqttInFlightPublish> resend;
                MqttSubscribePacket? subscribe = null;
                lock (_gate)
                {
                    subscriptions = [.. _subscriptions.Values];
                    resend = _inFlight.SentSnapshot();
                    if (subscriptions.Count > 0)
                    {
                        subscribe = CreateSubscribeLocked(connection, subscriptions);
                    }

                    _active = connection;
                }

                List<MqttPacket> packets = subscribe is null ? [] : [subscribe];
                packets.AddRange(resend.Select(entry => entry.Resend()));
                await connection.WriteLockedAsync(packets).ConfigureAwait(false);

                if (resend.Count > 0)
                {
                    _logger.Information("MQTT re-sent {Count} unacknowledged QoS 1 message(s)", resend.Count);
                }
            }
        }
        catch (MqttNotConnectedException)
        {
            // Lost while restoring; Closed carries the reason and the next connection starts over.
        }

        KickPump();
    }

    private void Detach(MqttConnection connection)
    {
        List<PendingAck> lost = [];
        lock (_gate)
        {
            if (_active == connection)
            {
                _active = null;
            }

            foreach (var (id, pending) in _pendingAcks.Where(p => p.Value.Connection == connection).ToList())
            {
                _pendingAcks.Remove(id);
                _ids.Release(id);
                lost.Add(pending);
            }
        }

        foreach (var pending in lost)
        {
            pending.OnLost();
        }
    }

    private MqttSubscribePacket CreateSubscribeLocked(MqttConnection connection, IReadOnlyList<MqttSubscription> subscriptions)
    {
        var id = AllocateIdLocked();
        _pendingAcks[id] = new PendingAck(
            connection,
            packet => CompleteSubscriptions(subscriptions, (MqttSubAckPacket)packet),
            static () => { });
        return new MqttSubscribePacket(id, [.. subscriptions.Select(s => new MqttTopicSubscription(s.Filter, s.MaximumQos))]);
    }

    private ushort AllocateIdLocked() =>
        _ids.TryAllocate(out var id) ? id : throw new InvalidOperationException("all 65535 MQTT packet ids are in use");

    private void CompleteSubscriptions(IReadOnlyList<MqttSubscription> subscriptions, MqttSubAckPacket ack)
    {
        if (ack.ReturnCodes.Count != subscriptions.Count)
        {
            _logger.Warning("MQTT SUBACK {Id} has {Codes} code(s) for {Filters} filter(s)", ack.PacketId, ack.ReturnCodes.Count, subscriptions.Count);
        }

        for (var i = 0; i < subscriptions.Count && i < ack.ReturnCodes.Count; i++)
        {
            var code = ack.ReturnCodes[i];
            if (code == MqttSubscribeReturnCode.Failure)
            {
                _logger.Warning("MQTT broker refused the subscription to {Filter}", subscriptions[i].Filter);
            }

            subscriptions[i].FirstAck.TrySetResult(code);
        }
    }

    private async Task SendSubscribeAsync(MqttConnection connection, IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken)
    {
        await SendWithAckAsync(
            connection,
            id => new MqttSubscribePacket(id, [.. subscriptions.Select(s => new MqttTopicSubscription(s.Filter, s.MaximumQos))]),
            new PendingAck(connection, packet => CompleteSubscriptions(subscriptions, (MqttSubAckPacket)packet), static () => { }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a packet that the broker acknowledges by id; false when the connection was gone.</summary>
    private async Task<bool> SendWithAckAsync(MqttConnection connection, Func<ushort, MqttPacket> create, PendingAck pending, CancellationToken cancellationToken)
    {
        IDisposable writer;
        try
        {
            writer = await connection.LockWriterAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MqttNotConnectedException)
        {
            return false;
        }

        using (writer)
        {
            ushort id;
            lock (_gate)
            {
                id = AllocateIdLocked();
                _pendingAcks[id] = pending;
            }

            try
            {
                await connection.WriteLockedAsync(create(id)).ConfigureAwait(false);
                return true;
            }
            catch (MqttNotConnectedException)
            {
                lock (_gate)
                {
                    if (_pendingAcks.Remove(id))
                    {
                        _ids.Release(id);
                    }
                }

                return false;
            }
        }
    }

    private void OnPacket(MqttConnection connection, MqttPacket packet)
    {
        switch (packet)
        {
            case MqttPublishPacket publish:
                Deliver(publish);
                if (publish.Qos == MqttQualityOfService.AtLeastOnce)
                {
                    // Queued on the writer in arrival order, so PUBACKs leave in the order the
                    // PUBLISHes came [MQTT-4.6.0-2]; not awaited, so a long write never stalls reading
                    // (a read loop waiting on a writer that waits on the broker would deadlock).
                    _ = SendPubAckAsync(connection, publish.PacketId);
                }

                break;
            case MqttPubAckPacket ack:
                MqttInFlightPublish? acknowledged;
                lock (_gate)
                {
                    acknowledged = _inFlight.Complete(ack.PacketId);
                }

                acknowledged?.Acknowledged.TrySetResult();
                KickPump();
                break;
            case MqttSubAckPacket or MqttUnsubAckPacket:
                var id = packet is MqttSubAckPacket s ? s.PacketId : ((MqttUnsubAckPacket)packet).PacketId;
                PendingAck? waiting;
                lock (_gate)
                {
                    if (_pendingAcks.Remove(id, out waiting))
                    {
                        _ids.Release(id);
                    }
                }

                waiting?.OnAck(packet);
                break;
            case MqttPingRespPacket:
                break;
            default:
                throw new MqttProtocolViolationException($"broker sent {packet.Type}, which a server never sends to a client");
        }
    }

    private static async Task SendPubAckAsync(MqttConnection connection, ushort packetId)
    {
        try
        {
            await connection.SendAsync(new MqttPubAckPacket(packetId), CancellationToken.None).ConfigureAwait(false);
        }
        catch (MqttNotConnectedException)
        {
            // The broker re-sends an unacknowledged QoS 1 message on its side; nothing to do here.
        }
    }

    private void Deliver(MqttPublishPacket publish)
    {
        try
        {
            _messages.OnNext(new MqttApplicationMessage(publish.Topic, publish.Payload, publish.Qos, publish.Retain, publish.Dup));
        }
        catch (Exception e)
        {
            _logger.Error(e, "MQTT message handler for {Topic} failed", publish.Topic);
        }
    }

    private sealed record PendingAck(MqttConnection Connection, Action<MqttPacket> OnAck, Action OnLost);
}
