using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using MQTTnet;
using Serilog;
using MqttNetClient = MQTTnet.IMqttClient;

namespace Streams.Mqtt;

/// <summary>
/// The bridge's MQTT client: <see cref="IMqttClient"/> over MQTTnet (which has no managed,
/// reconnecting client). One MQTTnet client per connection attempt; <see cref="MqttReconnect"/>
/// decides when to try again (backoff with jitter, slowly when refused); <see cref="MqttDeadLink"/>
/// pings every half keep-alive and drops a connection whose broker stopped answering; subscriptions
/// are renewed after every connect. Disposal publishes the shutdown message, then DISCONNECTs so
/// the will stays unsent. All timing runs on the injected <see cref="IScheduler"/>.
/// </summary>
internal sealed class MqttClient : IMqttClient
{
    private static readonly MqttConnectionState NotStarted = new MqttConnectionState.Disconnected("not started", TimeSpan.Zero);

    private readonly MqttClientOptions _options;
    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly Func<double> _jitter;
    private readonly Func<MqttNetClient> _createClient;
    private readonly MQTTnet.MqttClientOptions _mqttNetOptions;
    private readonly MqttSubscriptionSet _subscriptions;
    private readonly ReplaySubject<MqttConnectionState> _states = new(bufferSize: 1);
    private readonly Subject<MqttApplicationMessage> _messages = new();
    private readonly SingleAssignmentDisposable _supervision = new();
    private TaskCompletionSource _attemptFinished = CompletedSource();
    private MqttConnectionState _current = NotStarted;
    private int _started;
    private int _disposed;
    private volatile bool _stopping;

    /// <param name="options">Validated here; an unusable setting throws <see cref="ArgumentException"/> with a one-line reason.</param>
    /// <param name="scheduler">Drives every timer: pings, timeouts, reconnect delays.</param>
    /// <param name="jitter">Reconnect jitter samples in [0, 1); defaults to <see cref="Random.Shared"/>.</param>
    public MqttClient(MqttClientOptions options, IScheduler scheduler, ILogger? logger = null, Func<double>? jitter = null)
        : this(options, scheduler, logger, jitter, () => new MqttClientFactory().CreateMqttClient())
    {
    }

    /// <param name="createClient">A fresh MQTTnet client per attempt (tests inject one that plays MQTTnet's traps).</param>
    internal MqttClient(MqttClientOptions options, IScheduler scheduler, ILogger? logger, Func<double>? jitter, Func<MqttNetClient> createClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(createClient);
        options.Validate();
        _options = options;
        _scheduler = scheduler;
        _logger = (logger ?? Serilog.Core.Logger.None).ForContext<MqttClient>();
        _jitter = jitter ?? Random.Shared.NextDouble;
        _createClient = createClient;
        _mqttNetOptions = MqttNetOptions.Build(options, _logger);
        _subscriptions = new MqttSubscriptionSet(_logger);
    }

    public IObservable<MqttConnectionState> States => _states.AsObservable();

    public IObservable<MqttConnectionState.Connected> Connected => _states.OfType<MqttConnectionState.Connected>();

    public IObservable<MqttApplicationMessage> Messages => _messages.AsObservable();

    /// <summary>The latest state; "Disconnected (not started)" before <see cref="Start"/>.</summary>
    public MqttConnectionState CurrentState => Volatile.Read(ref _current);

    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        _supervision.Disposable = MqttReconnect
            .Supervise(ConnectOnce, _options.Reconnect, _scheduler, _jitter, _logger, _options.ClientId)
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

        // Continued asynchronously: the caller's code must not run inside the state emission.
        var decided = new TaskCompletionSource<MqttConnectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = _states
            .Where(s => s is MqttConnectionState.Connected
                || (s is MqttConnectionState.Refused refused && !MqttConnectionRefusedException.IsRetryableCode(refused.Code)))
            .Take(1)
            .Subscribe(
                s => decided.TrySetResult(s),
                e => decided.TrySetException(e),
                () => decided.TrySetException(new ObjectDisposedException(nameof(MqttClient), "the MQTT client was disposed before it connected")));
        var outcome = await decided.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

        if (outcome is MqttConnectionState.Refused r)
        {
            throw new MqttConnectionRefusedException(r.Code, r.Message);
        }
    }

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qos, bool retain, CancellationToken cancellationToken = default)
    {
        MqttTopic.ValidateName(topic);
        ValidateQos(qos, nameof(qos));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);

        // MQTTnet throws when disconnected rather than waiting; say so in our terms, naming the broker.
        var connection = _subscriptions.Active;
        return connection is null
            ? Task.FromException(new MqttNotConnectedException($"not connected to {_options.Host}:{_options.Port}; message to '{topic}' not sent"))
            : connection.PublishAsync(topic, payload, qos, retain, cancellationToken);
    }

    public async Task<MqttSubscribeReturnCode> SubscribeAsync(string filter, MqttQualityOfService maximumQos, CancellationToken cancellationToken = default)
    {
        MqttTopic.ValidateFilter(filter);
        ValidateQos(maximumQos, nameof(maximumQos));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var subscription = new MqttSubscription(filter, maximumQos);
        if (_subscriptions.Add(subscription) is { } connection)
        {
            try
            {
                _subscriptions.Acknowledge([subscription], await connection.SubscribeAsync([subscription], cancellationToken).ConfigureAwait(false));
            }
            catch (MqttNotConnectedException)
            {
                // Lost meanwhile: the next connection renews it and completes the wait below.
            }
        }

        return await subscription.FirstAck.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_subscriptions.Active is { } connection)
        {
            await MqttCleanStop.GoodbyeAsync(connection, _options, _scheduler, _logger).ConfigureAwait(false);

            // Set before the DISCONNECT, whose DisconnectedAsync must not count as a loss.
            _stopping = true;
            await MqttCleanStop.DisconnectAsync(connection, _options, _scheduler, _logger).ConfigureAwait(false);
        }

        _stopping = true;
        _supervision.Dispose();
        await WaitForAttemptToFinishAsync().ConfigureAwait(false);
        _subscriptions.FailAll(new ObjectDisposedException(nameof(MqttClient), "the MQTT client was disposed"));
        _states.OnCompleted();
        _messages.OnCompleted();
        _logger.Debug("MQTT client {ClientId} stopped", _options.ClientId);
    }

    /// <summary>Drops the current connection without DISCONNECT (as a crash or a dead link would); the broker publishes the will and the client reconnects.</summary>
    internal void DropConnection(string reason) => _subscriptions.Active?.Abort(reason);

    private static void ValidateQos(MqttQualityOfService qos, string paramName)
    {
        if (qos is not (MqttQualityOfService.AtMostOnce or MqttQualityOfService.AtLeastOnce))
        {
            throw new ArgumentOutOfRangeException(paramName, qos, "QoS must be 0 or 1");
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
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

    /// <summary>One connection from CONNECT to its end; throws why it ended, unless the client is stopping.</summary>
    private async Task RunConnectionAsync(IObserver<MqttConnectionState.Connected> observer, CancellationToken cancellationToken)
    {
        using var connection = await MqttNetConnection
            .OpenAsync(_createClient(), _mqttNetOptions, _options, _scheduler, Deliver, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await RenewSubscriptionsAsync(connection, cancellationToken).ConfigureAwait(false);
            _logger.Information("MQTT connected to {Host}:{Port} as {ClientId} (MQTT {Protocol})", _options.Host, _options.Port, _options.ClientId, _options.Protocol == MqttProtocol.V5 ? "5" : "3.1.1");
            observer.OnNext(new MqttConnectionState.Connected(connection.SessionPresent, connection.MaximumPacketSize));

            var deadLink = MqttDeadLink.Watch(
                () => Observable.FromAsync(connection.PingAsync),
                _options.PingInterval,
                _options.EffectivePingTimeout,
                _scheduler);
            var reason = await connection.Lost.ToObservable().Merge(deadLink).FirstAsync().ToTask(cancellationToken).ConfigureAwait(false);
            if (!_stopping)
            {
                throw reason;
            }
        }
        finally
        {
            _subscriptions.Detach(connection);
        }
    }

    private async Task RenewSubscriptionsAsync(MqttNetConnection connection, CancellationToken cancellationToken)
    {
        var renew = _subscriptions.Attach(connection);
        if (renew.Count == 0)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = _scheduler.CancelAfter(deadline, _options.ConnectTimeout);
        try
        {
            _subscriptions.Acknowledge(renew, await connection.SubscribeAsync(renew, deadline.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no SUBACK from {_options.Host}:{_options.Port} within {_options.ConnectTimeout.TotalSeconds:0.#} s");
        }
    }

    private void Deliver(MqttApplicationMessage message)
    {
        try
        {
            _messages.OnNext(message);
        }
        catch (Exception e)
        {
            _logger.Error(e, "MQTT message handler for {Topic} failed", message.Topic);
        }
    }
}
