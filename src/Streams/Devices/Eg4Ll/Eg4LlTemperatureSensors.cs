using static Streams.Devices.Eg4Ll.Eg4LlRegisterMap;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// Which of one pack's six NTC inputs (registers 33–35) are temperature sensors, from what the pack
/// reported since it was first read (docs/protocols.md §2). Real packs report an unpopulated input as
/// 0x00 (the vendor document says 0xC8), so a sensor is told from an empty input by its history:
/// <list type="bullet">
/// <item>an input is a sensor once it has reported a temperature other than 0 °C; from then on it stays
/// one, and a later 0 °C is a real 0 °C;</item>
/// <item>an input that has read exactly 0 on every reading is empty, and is neither published nor
/// announced (so a pack whose sensors all read 0 °C shows none until one of them moves);</item>
/// <item>0xC8 is no value on that reading, whatever the input is;</item>
/// <item>with <c>temperature_sensors: N</c> configured, inputs 1..N are sensors from the first reading
/// and the others never are.</item>
/// </list>
/// One instance per pack and run; not thread-safe (a pack's readings come one at a time).
/// </summary>
internal sealed class Eg4LlTemperatureSensors
{
    private readonly int? _configured;
    private readonly bool[] _moved = new bool[SensorCount];

    /// <param name="configured">The configured count (0..6), or null to decide from what the pack reports.</param>
    public Eg4LlTemperatureSensors(int? configured = null)
    {
        if (configured is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(configured));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, SensorCount, nameof(configured));
        }

        _configured = configured;
    }

    /// <summary>
    /// Takes note of one reading's NTC values (null = 0xC8) and returns them with every input that is
    /// not a sensor (yet) as null.
    /// </summary>
    public IReadOnlyList<sbyte?> Sensors(IReadOnlyList<sbyte?> reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var sensors = new sbyte?[reported.Count];
        for (var i = 0; i < reported.Count; i++)
        {
            if (i < SensorCount && reported[i] is { } value && value != 0)
            {
                _moved[i] = true;
            }

            sensors[i] = IsSensor(i) ? reported[i] : null;
        }

        return sensors;
    }

    private bool IsSensor(int input) => _configured is { } count ? input < count : input < SensorCount && _moved[input];
}
