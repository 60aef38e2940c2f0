using Streams.Core;

namespace Streams.Sinks;

/// <summary>
/// The live console table's model: one row per pack, from the readings and availability the
/// bridge publishes (never from the MQTT payloads). Packs the configuration names appear at once,
/// as "waiting"; a pack first heard later (a sniffed slave) is added when it is heard.
/// Thread-safe: the sources write, the screen reads a snapshot. The screen itself (Spectre.Console)
/// is the command's: <c>src/App/Hosting/PackTableView</c>.
/// </summary>
public sealed class PackBoard
{
    private readonly Lock _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, PackRow> _rows = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="name"/> as a row waiting for its first reading (kept in the order given).</summary>
    internal void Expect(string name)
    {
        lock (_gate)
        {
            if (_rows.TryAdd(name, PackRow.Waiting(name)))
            {
                _order.Add(name);
            }
        }
    }

    internal void Publish(Reading reading)
    {
        lock (_gate)
        {
            var known = _rows.TryGetValue(reading.Device.Name, out var row) ? row.Online : null;
            Put(PackRow.From(reading, known));
        }
    }

    internal void SetAvailability(DeviceInfo device, bool online)
    {
        lock (_gate)
        {
            var row = _rows.TryGetValue(device.Name, out var known) ? known : PackRow.Waiting(device.Name);
            Put(row with { Online = online });
        }
    }

    /// <summary>The rows as they are now, in configuration order, then in the order packs were first heard.</summary>
    public IReadOnlyList<PackRow> Rows()
    {
        lock (_gate)
        {
            return [.. _order.Select(name => _rows[name])];
        }
    }

    /// <summary>Under the lock.</summary>
    private void Put(PackRow row)
    {
        if (!_rows.ContainsKey(row.Name))
        {
            _order.Add(row.Name);
        }

        _rows[row.Name] = row;
    }
}
