using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Security.Authentication;
using Serilog;

namespace Streams.Mqtt;

/// <summary>The reconnect loop as an Rx operator, so its timing can be checked in virtual time.</summary>
internal static class MqttReconnect
{
    /// <summary>
    /// Runs connection attempts one after another and reports where things stand.
    /// <para><paramref name="connectOnce"/> is subscribed once per attempt. It emits
    /// <see cref="MqttConnectionState.Connected"/> once the broker accepted the client, then ends with
    /// an error when the connection fails or is lost, or completes when the client is shutting down
    /// (which completes the result).</para>
    /// <list type="table">
    /// <item><term>attempt starts</term><description><c>Connecting(n)</c></description></item>
    /// <item><term>attempt emits Connected</term><description>forwarded</description></item>
    /// <item><term><see cref="MqttConnectionRefusedException"/> (not "server unavailable")</term><description><c>Refused(code)</c>, retry after <see cref="MqttReconnectPolicy.RefusedRetryDelay"/>, logged as an error once per streak</description></item>
    /// <item><term><see cref="AuthenticationException"/> (TLS trust)</term><description><c>Disconnected</c>, retry after <see cref="MqttReconnectPolicy.RefusedRetryDelay"/>, logged once per streak</description></item>
    /// <item><term>any other error</term><description><c>Disconnected</c> / <c>Refused(3)</c>, retry after the exponential backoff with jitter, capped at <see cref="MqttReconnectPolicy.MaxDelay"/> (a few seconds, so a broker that returns is used again within that, whatever happened before); the backoff restarts after a connection stable for <see cref="MqttReconnectPolicy.StableAfter"/></description></item>
    /// </list>
    /// <code>
    /// attempt (cold, 1 s frames):  -#                      every attempt fails after 1 s
    /// result (1 s doubling, 8 s cap): cacb-cd---ce-------ce  c connecting; a/b/d/e lost, retry in 1/2/4/8 s
    /// </code>
    /// (marbles/mqtt/reconnect-backoff.marble and its siblings pin this timing.)
    /// </summary>
    /// <param name="jitter">Source of samples in [0, 1); inject a fixed one for deterministic tests.</param>
    /// <param name="clientId">Named when the broker keeps taking the session away (<see cref="MqttTakeoverWatch"/>).</param>
    public static IObservable<MqttConnectionState> Supervise(
        Func<IObservable<MqttConnectionState.Connected>> connectOnce,
        MqttReconnectPolicy policy,
        IScheduler scheduler,
        Func<double> jitter,
        ILogger? logger = null,
        string? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(connectOnce);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(jitter);
        policy.Validate();
        var log = logger ?? Serilog.Core.Logger.None;
        return Observable.Create<MqttConnectionState>(observer =>
            new Supervision(connectOnce, policy, scheduler, jitter, log, new MqttTakeoverWatch(clientId, policy.StableAfter), observer).Start());
    }

    private sealed class Supervision(
        Func<IObservable<MqttConnectionState.Connected>> connectOnce,
        MqttReconnectPolicy policy,
        IScheduler scheduler,
        Func<double> jitter,
        ILogger logger,
        MqttTakeoverWatch takeovers,
        IObserver<MqttConnectionState> observer)
    {
        private readonly object _gate = new();
        private readonly SerialDisposable _attempt = new();
        private readonly SerialDisposable _retryTimer = new();
        private int _attempts;
        private int _failures;
        private DateTimeOffset? _connectedAt;
        private string? _loggedProblem;
        private bool _stopped;
        private bool _emitting;
        private readonly Queue<Notification<MqttConnectionState>> _outbox = new();

        public IDisposable Start()
        {
            _retryTimer.Disposable = scheduler.Schedule(RunAttempt);
            return new CompositeDisposable(
                Disposable.Create(() =>
                {
                    lock (_gate)
                    {
                        _stopped = true;
                    }
                }),
                _retryTimer,
                _attempt);
        }

        // Each handler decides under the lock and queues what to emit; Emit drains the queue
        // outside it. The queue keeps the order even when a retry timer fires on another thread
        // before the state that scheduled it went out, and no lock is held across OnNext.
        private void RunAttempt()
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _connectedAt = null;
                _outbox.Enqueue(Notification.CreateOnNext<MqttConnectionState>(new MqttConnectionState.Connecting(++_attempts)));
            }

            Emit();
            var subscription = new SingleAssignmentDisposable();
            _attempt.Disposable = subscription;
            IObservable<MqttConnectionState.Connected> connection;
            try
            {
                connection = connectOnce();
            }
            catch (Exception e)
            {
                OnAttemptEnded(e);
                return;
            }

            subscription.Disposable = connection.Subscribe(OnConnected, OnAttemptEnded, OnShutdown);
        }

        private void OnConnected(MqttConnectionState.Connected connected)
        {
            int failures;
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _connectedAt = scheduler.Now;
                failures = _failures;
                _loggedProblem = null;
                _outbox.Enqueue(Notification.CreateOnNext<MqttConnectionState>(connected));
            }

            if (failures > 0)
            {
                logger.Information("MQTT connected again after {Failures} failed attempt(s)", failures);
            }

            Emit();
        }

        private void OnShutdown()
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
                _outbox.Enqueue(Notification.CreateOnCompleted<MqttConnectionState>());
            }

            Emit();
        }

        private void OnAttemptEnded(Exception error)
        {
            MqttConnectionState state;
            TimeSpan delay;
            string? takeover;
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                var lasted = _connectedAt is { } since ? scheduler.Now - since : (TimeSpan?)null;
                if (lasted >= policy.StableAfter)
                {
                    _failures = 0;
                }

                _failures++;
                takeover = takeovers.Ended(error, lasted);
                (state, delay) = Classify(error);
                _outbox.Enqueue(Notification.CreateOnNext(state));
            }

            if (takeover is not null)
            {
                logger.Warning("{Takeover:l}", takeover);
            }

            // Scheduled before the state goes out, so whoever sees it can rely on the retry being
            // armed. A SerialDisposable already disposed by Stop disposes this timer at once.
            _retryTimer.Disposable = scheduler.Schedule(delay, RunAttempt);
            Emit();
        }

        private void Emit()
        {
            lock (_gate)
            {
                if (_emitting)
                {
                    return;
                }

                _emitting = true;
            }

            while (true)
            {
                Notification<MqttConnectionState> next;
                lock (_gate)
                {
                    if (!_outbox.TryDequeue(out next!))
                    {
                        _emitting = false;
                        return;
                    }
                }

                next.Accept(observer);
            }
        }

        private (MqttConnectionState State, TimeSpan Delay) Classify(Exception error)
        {
            switch (error)
            {
                case MqttConnectionRefusedException { IsRetryable: false } refused:
                    LogOnce(refused.Message, policy.RefusedRetryDelay, callerReports: policy.CallerReportsRefusals);
                    return (new MqttConnectionState.Refused(refused.Code, refused.Message, policy.RefusedRetryDelay), policy.RefusedRetryDelay);
                case AuthenticationException tls:
                    var reason = $"TLS: {tls.Message}";
                    LogOnce(reason, policy.RefusedRetryDelay);
                    return (new MqttConnectionState.Disconnected(reason, policy.RefusedRetryDelay), policy.RefusedRetryDelay);
            }

            var delay = policy.DelayAfter(_failures, jitter());
            if (_failures == 1)
            {
                logger.Warning("MQTT connection failed or lost: {Reason}; retrying with backoff", error.Message);
            }
            else
            {
                logger.Debug("MQTT attempt {Attempt} failed: {Reason}; next in {Delay} s", _attempts, error.Message, delay.TotalSeconds);
            }

            return error is MqttConnectionRefusedException retryable
                ? (new MqttConnectionState.Refused(retryable.Code, retryable.Message, delay), delay)
                : (new MqttConnectionState.Disconnected(error.Message, delay), delay);
        }

        /// <param name="callerReports">A refusal ends a one-shot caller's wait (MqttClient.ConnectAsync throws it), and that caller reports it.</param>
        private void LogOnce(string problem, TimeSpan retry, bool callerReports = false)
        {
            if (_loggedProblem == problem)
            {
                logger.Debug("MQTT still refused: {Problem}", problem);
                return;
            }

            _loggedProblem = problem;
            if (callerReports)
            {
                logger.Debug("MQTT {Problem}; the caller reports it", problem);
                return;
            }

            logger.Error("MQTT {Problem}. Retrying every {Retry} s until the configuration or the broker is fixed", problem, retry.TotalSeconds);
        }
    }
}
