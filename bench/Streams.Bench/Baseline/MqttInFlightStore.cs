namespace Streams.Bench.Baseline;

/// <summary>
/// QoS 1 publishes from PublishAsync to PUBACK, in call order. Sent ones (with ids) are always older
/// than unsent ones, because sending takes them strictly in order; so "sent, then unsent" is the
/// original order that re-sends must keep [MQTT-4.6.0-1]. Not thread-safe: the client guards it.
/// </summary>
internal sealed class MqttInFlightStore(MqttPacketIdAllocator ids)
{
    private readonly LinkedList<MqttInFlightPublish> _sent = [];
    private readonly Dictionary<ushort, LinkedListNode<MqttInFlightPublish>> _sentById = [];
    private readonly LinkedList<MqttInFlightPublish> _unsent = [];

    public int Count => _sent.Count + _unsent.Count;

    public int SentCount => _sent.Count;

    public int UnsentCount => _unsent.Count;

    public void Enqueue(MqttInFlightPublish entry) => _unsent.AddLast(entry);

    /// <summary>Takes the oldest unsent publish and gives it an id, unless <paramref name="maxSent"/> are already awaiting PUBACK.</summary>
    public bool TryTakeNextUnsent(int maxSent, out MqttInFlightPublish? entry)
    {
        entry = null;
        if (_sent.Count >= maxSent || _unsent.First is not { } first || !ids.TryAllocate(out var id))
        {
            return false;
        }

        _unsent.RemoveFirst();
        first.Value.FirstSend(id);
        _sentById[id] = _sent.AddLast(first.Value);
        entry = first.Value;
        return true;
    }

    public bool HasSendable(int maxSent) => _unsent.Count > 0 && _sent.Count < maxSent;

    /// <summary>Removes a publish that was never sent (its caller gave up); false once it went out.</summary>
    public bool RemoveUnsent(MqttInFlightPublish entry) => !entry.Sent && _unsent.Remove(entry);

    /// <summary>Removes and returns the entry for a PUBACK; null for an unknown id (ignored, as every broker does).</summary>
    public MqttInFlightPublish? Complete(ushort packetId)
    {
        if (!_sentById.Remove(packetId, out var node))
        {
            return null;
        }

        _sent.Remove(node);
        ids.Release(packetId);
        return node.Value;
    }

    /// <summary>Every publish sent and still awaiting PUBACK, oldest first: what a reconnect re-sends.</summary>
    public IReadOnlyList<MqttInFlightPublish> SentSnapshot() => [.. _sent];

    /// <summary>Empties the store and fails every waiter with <paramref name="error"/> (client disposal).</summary>
    public void FailAll(Exception error)
    {
        List<MqttInFlightPublish> all = [.. _sent, .. _unsent];
        foreach (var id in _sentById.Keys)
        {
            ids.Release(id);
        }

        _sent.Clear();
        _sentById.Clear();
        _unsent.Clear();
        foreach (var entry in all)
        {
            entry.Acknowledged.TrySetException(error);
        }
    }
}
