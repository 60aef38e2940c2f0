using Streams.Core;

namespace Streams.HomeAssistant;

/// <summary>What discovery needs to know about one configured device beyond its readings.</summary>
/// <param name="PollInterval">How often a reading is expected; sets <see cref="ExpireAfterSeconds"/>.</param>
/// <param name="Switches">The switches Home Assistant may use (the device offers them and its source allows control); empty for none.</param>
internal sealed record DeviceSettings(TimeSpan PollInterval, IReadOnlyList<SwitchSpec> Switches)
{
    /// <summary>Polls that may be missed before Home Assistant shows the entities as unavailable.</summary>
    public const int ExpiryPolls = 3;

    /// <summary>A device Home Assistant only reads.</summary>
    public DeviceSettings(TimeSpan pollInterval)
        : this(pollInterval, [])
    {
    }

    /// <summary>True when the device takes commands.</summary>
    public bool AllowControl => Switches.Count > 0;

    /// <summary>Three poll intervals in whole seconds (rounded up): a BMS link that hangs while MQTT stays up shows as unavailable.</summary>
    public int ExpireAfterSeconds => (int)Math.Ceiling(PollInterval.TotalSeconds * ExpiryPolls);

    /// <summary>The switch keyed <paramref name="key"/>, or null.</summary>
    public SwitchSpec? Switch(string key) => Switches.FirstOrDefault(s => s.Key == key);

    /// <summary>True when the device has the switch keyed <paramref name="key"/>.</summary>
    public bool HasSwitch(string key) => Switch(key) is not null;

    public bool Equals(DeviceSettings? other) =>
        other is not null && PollInterval == other.PollInterval && Switches.SequenceEqual(other.Switches);

    public override int GetHashCode() => HashCode.Combine(PollInterval, Switches.Count);
}
