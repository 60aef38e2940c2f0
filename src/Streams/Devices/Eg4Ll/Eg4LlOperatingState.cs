namespace Streams.Devices.Eg4Ll;

/// <summary>Register 25 without its heater bit (0x8000).</summary>
internal enum Eg4LlOperatingState
{
    Standby = 0,
    Charging = 1,
    Discharging = 2,
    Protect = 4,
    ChargingLimit = 8,
}
