using Streams.Core;

namespace Streams.Devices.Eg4Legacy;

/// <summary>A legacy EG4 LifePower (v1) pack on the "7E … 0D" protocol, before it has told its versions.</summary>
internal static class Eg4LegacyDevice
{
    /// <summary>Its protocol name in readings and <c>streams decode</c>.</summary>
    public const string Protocol = "eg4-7e";

    public static DeviceInfo Named(string name) => new(name, Protocol, "EG4 Electronics", "LifePower4 (7E protocol)");
}
