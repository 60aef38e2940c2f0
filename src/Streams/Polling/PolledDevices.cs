using Streams.Core;

namespace Streams.Polling;

/// <summary>What a poller knows of each device before it has told its model, firmware and serial.</summary>
internal static class PolledDevices
{
    public static DeviceInfo Eg4Ll(string name) =>
        new(name, DeviceKinds.Eg4Ll, "EG4 Electronics", "LifePower4 v2 (EG4-LL)");

    public static DeviceInfo Eg4Legacy(string name) =>
        new(name, DeviceKinds.Eg4Legacy, "EG4 Electronics", "LifePower4 (7E protocol)");

    public static DeviceInfo Jbd(string name) =>
        new(name, DeviceKinds.Jbd, "JBD", "Smart BMS");

    public static DeviceInfo JbdBle(string name) =>
        new(name, DeviceKinds.JbdBle, "JBD", "Smart BMS (Bluetooth)");
}
