using Streams.Core;

namespace Streams.Devices.Jbd.Ble;

/// <summary>A JBD BMS over Bluetooth LE: the JBD fields plus the link's diagnostics (<see cref="BleLinkFields"/>).</summary>
internal static class JbdBleDevice
{
    /// <summary>Its protocol name in readings.</summary>
    public const string Protocol = "jbd-ble";

    public static DeviceInfo Named(string name) => new(name, Protocol, "JBD", "Smart BMS (Bluetooth)");
}
