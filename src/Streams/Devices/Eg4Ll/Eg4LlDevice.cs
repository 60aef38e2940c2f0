using Streams.Core;

namespace Streams.Devices.Eg4Ll;

/// <summary>An EG4 LifePower4 v2 / EG4-LL pack, before it has told its model, firmware and serial.</summary>
internal static class Eg4LlDevice
{
    /// <summary>Its protocol name in readings and <c>streams decode</c>.</summary>
    public const string Protocol = "eg4-ll";

    /// <summary>The protocol name of a pack that answers with the master map (<see cref="Eg4LlMasterFields"/>).</summary>
    public const string MasterProtocol = "eg4-ll-master";

    private const string Manufacturer = "EG4 Electronics";

    public static DeviceInfo Named(string name) => new(name, Protocol, Manufacturer, "LifePower4 v2 (EG4-LL)");

    /// <summary>The same pack while it answers as bank master: its readings are the bank's.</summary>
    public static DeviceInfo Master(string name) => new(name, MasterProtocol, Manufacturer, "LifePower4 v2 (EG4-LL), bank master", SpeaksForBank: true);
}
