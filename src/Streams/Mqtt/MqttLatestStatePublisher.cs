using System.Reactive.Linq;
using System.Reactive.Subjects;
using Serilog;

namespace Streams.Mqtt;

/// <summary>
/// Publishes state messages where only the newest value per topic matters. While the broker is
/// away it keeps the latest payload per topic (bounded by <c>capacity</c> topics, never a queue of
/// stale values) and publishes them all when the client connects again, in the order of their latest
/// publish. A message the broker will not take never blocks the others (<see cref="MqttMessageGuard"/>):
/// it is set aside, logged in one line and reported on <see cref="Rejected"/>.
/// </summary>
internal sealed class MqttLatestStatePublisher : IDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttQualityOfService _qos;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, PendingState> _pending = new(StringComparer.Ordinal);
    private readonly MqttMessageGuard _guard = new();
    private readonly Subject<string> _rejected = new();
    private readonly IDisposable _connectedSubscription;
    private readonly IdleWaiters _idleWaiters = new();
    private long _sequence;
    private long _failed;
    private bool _connected;
    private bool _flushing;
    private bool _overflowLogged;
    private bool _disposed;
    private long _dropped;

    /// <param name="capacity">Most distinct topics held while disconnected; a new topic beyond it is dropped (and logged once).</param>
    public MqttLatestStatePublisher(IMqttClient client, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce, int capacity = 4096, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _client = client;
        _qos = qos;
        _capacity = capacity;
        _logger = logger ?? Serilog.Core.Logger.None;
        _connectedSubscription = client.States.Subscribe(OnState);
    }

    /// <summary>Topics waiting for a connection.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>New topics dropped because <c>capacity</c> topics were already waiting.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Completes once every message published before was acknowledged (QoS 1) or failed and was logged; never while the broker is away; fails on disposal.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_flushing && _pending.Count == 0)
            {
                return Task.CompletedTask;
            }

            return _idleWaiters.Add(cancellationToken);
        }
    }

    /// <summary>Messages the broker or the client rejected for good (logged each), as opposed to waiting for a connection.</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    /// <summary>The topic of each message set aside because the broker will not take it (once per payload).</summary>
    public IObservable<string> Rejected => _rejected.AsObservable();

    /// <summary>Publishes now when connected; otherwise remembers it, replacing any older payload for <paramref name="topic"/>.</summary>
    public void Publish(string topic, ReadOnlyMemory<byte> payload, bool retain = true)
    {
        MqttTopic.ValidateName(topic);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_guard.Holds(topic, payload.Span))
            {
                _logger.Debug("MQTT message to {Topic} not sent again: the broker would not take it", topic);
                return;
            }

            if (!_pending.ContainsKey(topic) && _pending.Count >= _capacity)
            {
                _dropped++;
                if (!_overflowLogged)
                {
                    _overflowLogged = true;
                    _logger.Warning("MQTT latest-state buffer is full ({Capacity} topics); new topics are dropped until the broker is back", _capacity);
                }

                return;
            }

            _pending[topic] = new PendingState(payload.ToArray(), retain, ++_sequence);
        }

        TryFlush();
    }

    public void Dispose()
    {
        List<TaskCompletionSource> waiters;
        lock (_gate)
        {
            _disposed = true;
            waiters = _idleWaiters.TakeAll();
        }

        _connectedSubscription.Dispose();
        _rejected.OnCompleted();
        IdleWaiters.Fail(waiters, new ObjectDisposedException(nameof(MqttLatestStatePublisher)));
    }

    private void OnState(MqttConnectionState state)
    {
        lock (_gate)
        {
            _connected = state is MqttConnectionState.Connected;
            if (state is MqttConnectionState.Connected connected)
            {
                _overflowLogged = false;
                _guard.Limit = connected.MaximumPacketSize;
            }
        }

        TryFlush();
    }

    private void TryFlush()
    {
        lock (_gate)
        {
            if (_flushing || !_connected || _disposed || _pending.Count == 0)
            {
                return;
            }

            _flushing = true;
        }

        _ = FlushAsync();
    }

    /// <summary>
    /// Sends what waits, oldest publish first, then each suspect alone; a lost connection puts the
    /// unsent back and waits for the next one. Suspects and parked messages: see <see cref="MqttMessageGuard"/>.
    /// </summary>
    private async Task FlushAsync()
    {
        while (true)
        {
            List<Outgoing> ordinary = [];
            List<Outgoing> suspects = [];
            List<(string Topic, string Reason)> refusals = [];
            List<TaskCompletionSource>? idle = null;
            lock (_gate)
            {
                if (!_connected || _disposed || _pending.Count == 0)
                {
                    _flushing = false;
                    idle = _pending.Count == 0 ? _idleWaiters.TakeAll() : [];
                }
                else
                {
                    var batch = _pending.OrderBy(p => p.Value.Sequence).Select(p => new Outgoing(p.Key, p.Value)).ToList();
                    _pending.Clear();
                    foreach (var message in batch.ToList())
                    {
                        if (_guard.OverLimit(message.Topic, message.State.Payload, _qos) is { } reason)
                        {
                            batch.Remove(message);
                            refusals.Add((message.Topic, reason));
                        }
                    }

                    ordinary = batch.Where(o => !_guard.IsSuspect(o.Topic)).ToList();
                    suspects = batch.Where(o => _guard.IsSuspect(o.Topic)).ToList();
                }
            }

            if (idle is not null)
            {
                IdleWaiters.Complete(idle);
                return;
            }

            foreach (var (topic, reason) in refusals)
            {
                _logger.Warning("{Reason:l}", reason);
                Report([topic]);
            }

            var connected = await SendAsync(ordinary, alone: false).ConfigureAwait(false);
            foreach (var suspect in suspects)
            {
                if (!connected)
                {
                    Requeue(suspect);
                    continue;
                }

                connected = await SendAsync([suspect], alone: true).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends <paramref name="messages"/> together; false when the connection was lost meanwhile.</summary>
    private async Task<bool> SendAsync(IReadOnlyList<Outgoing> messages, bool alone)
    {
        var sends = messages.Select(message => (Message: message, Task: StartPublish(message.Topic, message.State))).ToList();
        Outgoing? firstLost = null;
        foreach (var (message, task) in sends)
        {
            try
            {
                await task.ConfigureAwait(false);
                lock (_gate)
                {
                    _guard.Delivered(message.Topic);
                }
            }
            catch (Exception e) when (e is MqttNotConnectedException or ObjectDisposedException or OperationCanceledException)
            {
                firstLost ??= message;
                Requeue(message);
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _failed);
                _logger.Error(e, "MQTT state publish to {Topic} failed", message.Topic);
            }
        }

        if (firstLost is not { } culprit)
        {
            return true;
        }

        string? parked;
        lock (_gate)
        {
            parked = _guard.LostDuring(culprit.Topic, culprit.State.Payload, alone);
            if (parked is not null && _pending.TryGetValue(culprit.Topic, out var waiting) && waiting.Sequence == culprit.State.Sequence)
            {
                _pending.Remove(culprit.Topic);
            }
        }

        if (parked is not null)
        {
            _logger.Warning("{Reason:l}", parked);
            Report([culprit.Topic]);
        }

        return false;
    }

    /// <summary>Keeps it for the next connection unless something newer arrived meanwhile, and waits for that connection instead of retrying in a loop.</summary>
    private void Requeue(Outgoing message)
    {
        lock (_gate)
        {
            _pending.TryAdd(message.Topic, message.State);
            _connected = false;
        }
    }

    private void Report(IEnumerable<string> topics)
    {
        foreach (var topic in topics)
        {
            _rejected.OnNext(topic);
        }
    }

    private Task StartPublish(string topic, PendingState state)
    {
        try
        {
            return _client.PublishAsync(topic, state.Payload, _qos, state.Retain);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }
}
