namespace Streams.Mqtt;

/// <summary>
/// Keeps a message the broker will not take from stopping every other one. A broker with a packet
/// size limit drops the connection when a bigger message arrives (MQTT 3.1.1 gets no reason), and a
/// client that sends the same message first after every reconnect then never gets anything through.
/// So: the message the broker was receiving when the connection dropped becomes a suspect, sent after
/// the others and alone; if the connection drops again while it is on its way, it is set aside
/// (parked) until its payload changes. When the broker tells its limit (an MQTT 5 CONNACK), a
/// message over it is never sent at all. Not thread-safe: <see cref="MqttLatestStatePublisher"/> uses it under its lock.
/// </summary>
internal sealed class MqttMessageGuard
{
    private readonly HashSet<string> _suspects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _parked = new(StringComparer.Ordinal);

    /// <summary>The broker's maximum packet size from its CONNACK, or null when it told none.</summary>
    public int? Limit { get; set; }

    public bool IsSuspect(string topic) => _suspects.Contains(topic);

    /// <summary>True when exactly this payload was set aside for <paramref name="topic"/>; a different one lifts the ban.</summary>
    public bool Holds(string topic, ReadOnlySpan<byte> payload)
    {
        if (!_parked.TryGetValue(topic, out var parked))
        {
            return false;
        }

        if (payload.SequenceEqual(parked))
        {
            return true;
        }

        _parked.Remove(topic);
        return false;
    }

    /// <summary>Why the broker's known limit forbids this message, or null; such a message is parked at once.</summary>
    public string? OverLimit(string topic, byte[] payload, MqttQualityOfService qos)
    {
        if (Limit is not { } limit)
        {
            return null;
        }

        var size = MqttPacketSize.Publish(topic, payload.Length, qos);
        if (size <= limit)
        {
            return null;
        }

        _parked[topic] = payload;
        return $"MQTT message to {topic} is {size:N0} bytes, more than the {limit:N0} the broker accepts (its maximum packet size): not sent, so it cannot cost the connection";
    }

    /// <summary>
    /// The connection was lost with <paramref name="topic"/> the first message not acknowledged. Sent
    /// <paramref name="alone"/> as a suspect, it is parked and the reason returned; otherwise it becomes a suspect (null).
    /// </summary>
    public string? LostDuring(string topic, byte[] payload, bool alone)
    {
        if (!alone || !_suspects.Remove(topic))
        {
            _suspects.Add(topic);
            return null;
        }

        _parked[topic] = payload;
        var limit = Limit is { } known ? $"; it accepts at most {known:N0} bytes" : " (a max_packet_size or message size limit below it?)";
        return $"MQTT broker dropped the connection twice while receiving {topic} ({payload.Length:N0} bytes){limit}: it is not sent again until it changes, so the other messages keep flowing";
    }

    /// <summary>The broker took it: no longer a suspect.</summary>
    public void Delivered(string topic) => _suspects.Remove(topic);
}
