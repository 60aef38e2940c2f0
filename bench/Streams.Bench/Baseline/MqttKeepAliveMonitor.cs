namespace Streams.Bench.Baseline;

/// <summary>
/// Keep-alive bookkeeping for one connection, clock-free: the caller passes the time in. The client
/// must send something within every keep-alive interval [MQTT-3.1.2-23], and only sending counts;
/// a PINGREQ that gets no answer within the ping timeout means a dead (half-open) connection.
/// </summary>
internal sealed class MqttKeepAliveMonitor
{
    private readonly TimeSpan _pingInterval;
    private readonly TimeSpan _pingTimeout;
    private readonly object _gate = new();
    private DateTimeOffset _lastSent;
    private DateTimeOffset? _pingSentAt;

    public MqttKeepAliveMonitor(TimeSpan pingInterval, TimeSpan pingTimeout, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pingInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pingTimeout, TimeSpan.Zero);
        _pingInterval = pingInterval;
        _pingTimeout = pingTimeout;
        _lastSent = now;
    }

    public void OnSent(DateTimeOffset now)
    {
        lock (_gate)
        {
            _lastSent = now;
        }
    }

    public void OnPingSent(DateTimeOffset now)
    {
        lock (_gate)
        {
            _lastSent = now;
            _pingSentAt ??= now;
        }
    }

    /// <summary>Any packet from the broker proves the connection alive and answers an outstanding ping.</summary>
    public void OnReceived()
    {
        lock (_gate)
        {
            _pingSentAt = null;
        }
    }

    /// <summary>What to do at <paramref name="now"/>, and when to look again.</summary>
    public MqttKeepAliveDecision Check(DateTimeOffset now)
    {
        lock (_gate)
        {
            var pingDue = _lastSent + _pingInterval;
            if (_pingSentAt is { } sentAt)
            {
                var deadline = sentAt + _pingTimeout;
                if (now >= deadline)
                {
                    return new MqttKeepAliveDecision(MqttKeepAliveAction.Dead, deadline);
                }

                // The answer may come before the deadline; the next ping must still go out on time.
                var next = pingDue > now && pingDue < deadline ? pingDue : deadline;
                return new MqttKeepAliveDecision(MqttKeepAliveAction.None, next);
            }

            if (now >= pingDue)
            {
                var step = _pingInterval < _pingTimeout ? _pingInterval : _pingTimeout;
                return new MqttKeepAliveDecision(MqttKeepAliveAction.SendPing, now + step);
            }

            return new MqttKeepAliveDecision(MqttKeepAliveAction.None, pingDue);
        }
    }
}
