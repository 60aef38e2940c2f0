using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>What a sniffer can say about a slave before the slave says more.</summary>
internal static class SnifferDevices
{
    /// <summary>The protocol of a reading that holds only raw registers.</summary>
    public const string RawProtocol = "modbus";

    public static DeviceInfo Eg4Ll(string name) =>
        new(name, DeviceKinds.Eg4Ll, "EG4 Electronics", "LifePower4 v2 (EG4-LL)");
}
