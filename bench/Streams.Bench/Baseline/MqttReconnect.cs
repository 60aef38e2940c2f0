using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Security.Authentication;
using Serilog;

namespace Streams.Bench.Baseline;

/// <summary>The reconnect loop as an Rx operator, so its timing can be checked in virtual time.</summary>
public static class MqttReconnect
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
    /// <item><term>any other error</term><description><c>Disconnected</c> / <c>Refused(3)</c>, retry after the exponential backoff with jitter; the backoff restarts after a connection stable for <see cref="MqttReconnectPolicy.StableAfter"/></description></item>
    /// </list>
    /// <code>
    /// attempt (cold, 1 s frames):  -#                      every attempt fails after 1 s
    /// result (1 s doubling, 8 s cap): cacb-cd---ce-------ce  c connecting; a/b/d/e lost, retry in 1/2/4/8 s
    /// </code>
    /// (marbles/mqtt/reconnect-backoff.marble and its siblings pin this timing.)
    /// </summary>
    /// <param name="jitter">Source of samples in [0, 1); inject a fixed one for deterministic tests.</param>
    public static IObservable<MqttConnectionState> Supervise(
        Func<IObservable<MqttConnectionState.Connected>> connectOnce,
        MqttReconnectPolicy policy,
        IScheduler scheduler,
        Func<double> jitter,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connectOnce);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(jitter);
        policy.Validate();
        var log = logger ?? Serilog.Core.Logger.None;
        return Observable.Create<MqttConnectionState>(observer => new Supervision(connectOnce, policy, scheduler, jitter, log, observer).Start());
    }

    private sealed class Supervision(
        Func<IObservable<MqttConnectionState.Connected>> connectOnce,
        MqttReconnectPolicy policy,
        IScheduler scheduler,
        Func<double> jitter,
        ILogger logger,
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

        private void RunAttempt()
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _attempts++;
                _connectedAt = null;
                observer.OnNext(new MqttConnectionState.Connecting(_attempts));
            }

            var subscription = new SingleAssignmentDisposable();
            _attempt.Disposable = subscription;
            IObservable<MqttConnectionState.Connected> attempt;
            try
            {
                attempt = connectOnce();
            }
            catch (Exception e)
            {
                OnAttemptEnded(e);
                return;
            }

            subscription.Disposable = attempt.Subscribe(OnConnected, OnAttemptEnded, OnShutdown);
        }

        private void OnConnected(MqttConnectionState.Connected connected)
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _connectedAt = scheduler.Now;
                if (_loggedProblem is not null || _failures > 0)
                {
                    logger.Information("MQTT connected again after {Failures} failed attempt(s)", _failures);
                }

                _loggedProblem = null;
                observer.OnNext(connected);
            }
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
                observer.OnCompleted();
            }
        }

        private void OnAttemptEnded(Exception error)
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                var now = scheduler.Now;
                if (_connectedAt is { } since && now - since >= policy.StableAfter)
                {
                    _failures = 0;
                }

                _failures++;
                var (state, delay) = Classify(error);
                _retryTimer.Disposable = scheduler.Schedule(delay, RunAttempt);
                observer.OnNext(state);
            }
        }

        private (MqttConnectionState State, TimeSpan Delay) Classify(Exception error)
        {
            switch (error)
            {
                case MqttConnectionRefusedException { IsRetryable: false } refused:
                    LogOnce(refused.Message, policy.RefusedRetryDelay);
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

        private void LogOnce(string problem, TimeSpan retry)
        {
            if (_loggedProblem == problem)
            {
                logger.Debug("MQTT still refused: {Problem}", problem);
                return;
            }

            _loggedProblem = problem;
            logger.Error("MQTT {Problem}. Retrying every {Retry} s until the configuration or the broker is fixed", problem, retry.TotalSeconds);
        }
    }
}
