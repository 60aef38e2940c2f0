using Streams.Core;

namespace Streams.HomeAssistant;

/// <summary>What discovery needs to know about one configured device beyond its readings.</summary>
/// <param name="PollInterval">How often a reading is expected; sets <see cref="ExpireAfterSeconds"/>.</param>
internal sealed record DeviceSettings(TimeSpan PollInterval)
{
    /// <summary>Polls that may be missed before Home Assistant shows the entities as unavailable.</summary>
    public const int ExpiryPolls = 3;

    /// <summary>
    /// The switches the device offers Home Assistant (a controllable BMS's MOSFETs, say), as the device
    /// declares them; empty for a read-only device. A reading's flag with one of these keys is announced as a
    /// switch, and only commands for these keys are accepted.
    /// </summary>
    public IReadOnlyList<SwitchSpec> Switches { get; init; } = [];

    /// <summary>Three poll intervals in whole seconds (rounded up): a BMS link that hangs while MQTT stays up shows as unavailable.</summary>
    public int ExpireAfterSeconds => (int)Math.Ceiling(PollInterval.TotalSeconds * ExpiryPolls);

    /// <summary>The switch with <paramref name="key"/>, or null when the device offers none by that key.</summary>
    public SwitchSpec? Switch(string key) => Switches.FirstOrDefault(s => s.Key == key);
}
