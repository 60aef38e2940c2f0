using Streams.Core;

namespace Streams.Devices.Eg4Ll;

/// <summary>An EG4 LifePower4 v2 / EG4-LL pack, before it has told its model, firmware and serial.</summary>
internal static class Eg4LlDevice
{
    /// <summary>Its protocol name in readings and <c>streams decode</c>.</summary>
    public const string Protocol = "eg4-ll";

    public static DeviceInfo Named(string name) => new(name, Protocol, "EG4 Electronics", "LifePower4 v2 (EG4-LL)");
}
