namespace Streams.HomeAssistant;

/// <summary>What discovery needs to know about one configured device beyond its readings.</summary>
/// <param name="PollInterval">How often a reading is expected; sets <see cref="ExpireAfter"/>.</param>
/// <param name="AllowControl">True when the source allows commands (JBD <c>allow_control: true</c>): MOSFET switches are announced.</param>
public sealed record DeviceSettings(TimeSpan PollInterval, bool AllowControl = false)
{
    /// <summary>Polls that may be missed before Home Assistant shows the entities as unavailable.</summary>
    public const int ExpiryPolls = 3;

    /// <summary>Three poll intervals in whole seconds (rounded up): a BMS link that hangs while MQTT stays up shows as unavailable.</summary>
    public int ExpireAfterSeconds => (int)Math.Ceiling(PollInterval.TotalSeconds * ExpiryPolls);
}
