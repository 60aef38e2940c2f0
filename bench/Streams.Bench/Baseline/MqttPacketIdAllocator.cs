namespace Streams.Bench.Baseline;

/// <summary>
/// Packet identifiers for QoS 1 PUBLISH, SUBSCRIBE and UNSUBSCRIBE: non-zero [MQTT-2.3.1-1], never
/// reused while in flight [MQTT-2.3.1-2], handed out in increasing order and wrapping 65535 → 1.
/// Shared by every packet kind that needs an id, so it is thread-safe.
/// </summary>
internal sealed class MqttPacketIdAllocator
{
    public const int Capacity = ushort.MaxValue;

    private readonly object _gate = new();
    private readonly HashSet<ushort> _inUse = [];
    private ushort _last;

    public int InUseCount
    {
        get
        {
            lock (_gate)
            {
                return _inUse.Count;
            }
        }
    }

    /// <summary>The next free id after the last one handed out; false when all 65,535 are in flight.</summary>
    public bool TryAllocate(out ushort id)
    {
        lock (_gate)
        {
            return TryAllocateLocked(out id);
        }
    }

    /// <summary>Frees <paramref name="id"/>; false when it was not in use (a PUBACK for an unknown id).</summary>
    public bool Release(ushort id)
    {
        lock (_gate)
        {
            return _inUse.Remove(id);
        }
    }

    public bool IsInUse(ushort id)
    {
        lock (_gate)
        {
            return _inUse.Contains(id);
        }
    }

    private bool TryAllocateLocked(out ushort id)
    {
        if (_inUse.Count == Capacity)
        {
            id = 0;
            return false;
        }

        do
        {
            _last = _last == ushort.MaxValue ? (ushort)1 : (ushort)(_last + 1);
        }
        while (_inUse.Contains(_last));

        _inUse.Add(_last);
        id = _last;
        return true;
    }
}
