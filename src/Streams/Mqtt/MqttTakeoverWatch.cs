namespace Streams.Mqtt;

/// <summary>
/// Notices a second client on the same client id. A broker lets one connection have an id and drops
/// the older one when another connects with it [MQTT-3.1.4-2]; two clients on one id then take the
/// session from each other for ever, and each only sees "broker closed the connection". MQTT 5
/// brokers may say so (reason 0x8E); mosquitto just closes. So a streak of accepted connections
/// the broker closed before they were stable, with no failed connect in between (a broker that is
/// restarting refuses connects meanwhile), is taken as that, and said once per streak. A close while
/// a publish of ours was unacknowledged proves nothing (the broker may have refused that message).
/// </summary>
internal sealed class MqttTakeoverWatch(string? clientId, TimeSpan stableAfter)
{
    /// <summary>Short-lived connections the broker closed in a row before the line is logged.</summary>
    public const int Streak = 3;

    private int _kicks;
    private bool _said;

    /// <summary>
    /// An attempt ended with <paramref name="error"/>, its connection having lasted <paramref name="lasted"/>
    /// (null when it was never accepted); the line to log once a takeover is likely, else null.
    /// </summary>
    public string? Ended(Exception error, TimeSpan? lasted)
    {
        if (lasted is null || lasted >= stableAfter || error is not MqttConnectionLostException { ClosedByBroker: true } lost)
        {
            _kicks = 0;
            _said = false;
            return null;
        }

        if (lost.WhilePublishing && !lost.SessionTakenOver)
        {
            // The broker may have closed it over that message (too big): no evidence either way.
            return null;
        }

        _kicks++;
        if (_said || (!lost.SessionTakenOver && _kicks < Streak))
        {
            return null;
        }

        _said = true;
        var id = clientId is null ? "the same client id" : $"the client id '{clientId}'";
        var how = lost.SessionTakenOver ? "the broker says another connection took the session over" : $"the broker closed the connection {_kicks} times in a row right after accepting it";
        return $"MQTT: {how}; another client probably uses {id} (each connect takes the session from the other): give each bridge its own mqtt.client_id";
    }
}
