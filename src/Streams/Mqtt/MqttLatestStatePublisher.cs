using Serilog;

namespace Streams.Mqtt;

/// <summary>
/// Publishes state messages where only the newest value per topic matters. While the broker is
/// away it keeps the latest payload per topic (bounded by <c>capacity</c> topics, never a queue of
/// stale values) and publishes them all when the client connects again.
/// </summary>
public sealed class MqttLatestStatePublisher : IDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttQualityOfService _qos;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, PendingState> _pending = new(StringComparer.Ordinal);
    private readonly IDisposable _connectedSubscription;
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private bool _connected;
    private bool _flushing;
    private bool _overflowLogged;
    private bool _disposed;
    private long _dropped;
    private long _failed;

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

    /// <summary>
    /// Completes once nothing waits and nothing is in flight: every message handed to
    /// <see cref="Publish"/> before was acknowledged (QoS 1) or failed and was logged. While the
    /// broker is away it does not complete; it fails with <see cref="ObjectDisposedException"/> on disposal.
    /// </summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_flushing && _pending.Count == 0)
            {
                return Task.CompletedTask;
            }

            var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(idle);
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Messages the broker or the client rejected for good (logged each), as opposed to waiting for a connection.</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    /// <summary>New topics dropped because <c>capacity</c> topics were already waiting.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Publishes now when connected; otherwise remembers it, replacing any older payload for <paramref name="topic"/>.</summary>
    public void Publish(string topic, ReadOnlyMemory<byte> payload, bool retain = true)
    {
        MqttTopic.ValidateName(topic);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
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

            _pending[topic] = new PendingState(payload.ToArray(), retain);
        }

        TryFlush();
    }

    public void Dispose()
    {
        List<TaskCompletionSource> waiters;
        lock (_gate)
        {
            _disposed = true;
            waiters = TakeIdleWaiters();
        }

        _connectedSubscription.Dispose();
        waiters.ForEach(w => w.TrySetException(new ObjectDisposedException(nameof(MqttLatestStatePublisher))));
    }

    private void OnState(MqttConnectionState state)
    {
        lock (_gate)
        {
            _connected = state is MqttConnectionState.Connected;
            if (_connected)
            {
                _overflowLogged = false;
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

    private async Task FlushAsync()
    {
        while (true)
        {
            List<KeyValuePair<string, PendingState>> batch;
            List<TaskCompletionSource> idle = [];
            lock (_gate)
            {
                if (!_connected || _disposed || _pending.Count == 0)
                {
                    _flushing = false;
                    if (_pending.Count == 0)
                    {
                        idle = TakeIdleWaiters();
                    }

                    batch = [];
                }
                else
                {
                    batch = [.. _pending];
                    _pending.Clear();
                }
            }

            if (batch.Count == 0)
            {
                // Completed outside the lock: a waiter's continuation runs asynchronously anyway.
                idle.ForEach(w => w.TrySetResult());
                return;
            }

            var sends = batch.Select(item => (Item: item, Task: StartPublish(item.Key, item.Value))).ToList();
            foreach (var (item, task) in sends)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception e) when (e is MqttNotConnectedException or ObjectDisposedException or OperationCanceledException)
                {
                    lock (_gate)
                    {
                        // Keep it for the next connection unless something newer arrived meanwhile,
                        // and wait for that connection instead of retrying in a loop.
                        _pending.TryAdd(item.Key, item.Value);
                        _connected = false;
                    }
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref _failed);
                    _logger.Error(e, "MQTT state publish to {Topic} failed", item.Key);
                }
            }
        }
    }

    /// <summary>Under the lock.</summary>
    private List<TaskCompletionSource> TakeIdleWaiters()
    {
        var waiters = new List<TaskCompletionSource>(_idleWaiters);
        _idleWaiters.Clear();
        return waiters;
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

    private sealed record PendingState(byte[] Payload, bool Retain);
}
