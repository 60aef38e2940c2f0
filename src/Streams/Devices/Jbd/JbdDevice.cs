using Streams.Core;

namespace Streams.Devices.Jbd;

/// <summary>A JBD / Xiaoxiang smart BMS, before it has told its model.</summary>
internal static class JbdDevice
{
    /// <summary>Its protocol name in readings and <c>streams decode</c>.</summary>
    public const string Protocol = "jbd";

    /// <summary>On its UART.</summary>
    public static DeviceInfo Named(string name) => new(name, Protocol, "JBD", "Smart BMS");
}
