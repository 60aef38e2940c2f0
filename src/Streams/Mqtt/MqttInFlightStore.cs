namespace Streams.Mqtt;

/// <summary>
/// QoS 1 publishes awaiting PUBACK, in the order they were published (re-sends must keep it,
/// [MQTT-4.6.0-1]), each with its packet id. Thread-safe.
/// </summary>
internal sealed class MqttInFlightStore(MqttPacketIdAllocator ids)
{
    private readonly object _gate = new();
    private readonly LinkedList<MqttInFlightPublish> _order = [];
    private readonly Dictionary<ushort, LinkedListNode<MqttInFlightPublish>> _byId = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Allocates an id and appends the entry <paramref name="create"/> builds for it.</summary>
    public MqttInFlightPublish Add(Func<ushort, MqttInFlightPublish> create)
    {
        lock (_gate)
        {
            if (!ids.TryAllocate(out var id))
            {
                throw new InvalidOperationException("all 65535 MQTT packet ids are in flight");
            }

            var entry = create(id);
            _byId[id] = _order.AddLast(entry);
            return entry;
        }
    }

    /// <summary>Removes and returns the entry for a PUBACK; null for an unknown id (ignored, as every broker does).</summary>
    public MqttInFlightPublish? Complete(ushort packetId)
    {
        lock (_gate)
        {
            if (!_byId.Remove(packetId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            ids.Release(packetId);
            return node.Value;
        }
    }

    /// <summary>Every entry still awaiting PUBACK, oldest first.</summary>
    public IReadOnlyList<MqttInFlightPublish> Snapshot()
    {
        lock (_gate)
        {
            return [.. _order];
        }
    }

    /// <summary>Empties the store and fails every waiter with <paramref name="error"/> (client disposal).</summary>
    public void FailAll(Exception error)
    {
        List<MqttInFlightPublish> all;
        lock (_gate)
        {
            all = [.. _order];
            foreach (var entry in all)
            {
                ids.Release(entry.Packet.PacketId);
            }

            _order.Clear();
            _byId.Clear();
        }

        foreach (var entry in all)
        {
            entry.Acknowledged.TrySetException(error);
        }
    }
}
