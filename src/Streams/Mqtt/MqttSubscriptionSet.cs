using Serilog;

namespace Streams.Mqtt;

/// <summary>
/// The filters a client keeps across reconnects (with a clean session the broker forgets them),
/// and the connection they currently live on. One lock covers both, so a filter added while a
/// connection comes up is either in that connection's renewal or subscribed by its caller, never lost.
/// </summary>
internal sealed class MqttSubscriptionSet(ILogger logger)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, MqttSubscription> _subscriptions = new(StringComparer.Ordinal);
    private MqttNetConnection? _active;

    public MqttNetConnection? Active
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    /// <summary>Registers <paramref name="subscription"/>; returns the connection to subscribe it on now, or null to wait for the next one.</summary>
    public MqttNetConnection? Add(MqttSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions[subscription.Filter] = subscription;
            return _active;
        }
    }

    /// <summary>Makes <paramref name="connection"/> the active one and returns every filter it must renew.</summary>
    public IReadOnlyList<MqttSubscription> Attach(MqttNetConnection connection)
    {
        lock (_gate)
        {
            _active = connection;
            return [.. _subscriptions.Values];
        }
    }

    public void Detach(MqttNetConnection connection)
    {
        lock (_gate)
        {
            if (_active == connection)
            {
                _active = null;
            }
        }
    }

    /// <summary>Completes each subscription's first wait with its SUBACK code; a refused filter is logged.</summary>
    public void Acknowledge(IReadOnlyList<MqttSubscription> subscriptions, IReadOnlyList<MqttSubscribeReturnCode> codes)
    {
        for (var i = 0; i < subscriptions.Count && i < codes.Count; i++)
        {
            if (codes[i] == MqttSubscribeReturnCode.Failure)
            {
                logger.Warning("MQTT broker refused the subscription to {Filter}", subscriptions[i].Filter);
            }

            subscriptions[i].FirstAck.TrySetResult(codes[i]);
        }
    }

    /// <summary>Fails every first wait still open (the client is going away).</summary>
    public void FailAll(Exception reason)
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.FirstAck.TrySetException(reason);
            }

            _subscriptions.Clear();
            _active = null;
        }
    }
}
