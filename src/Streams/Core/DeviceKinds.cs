namespace Streams.Core;

/// <summary>The device kinds that have a field catalogue; also the protocol names of <c>streams decode</c>.</summary>
public static class DeviceKinds
{
    /// <summary>EG4 LifePower4 v2 / EG4-LL over Modbus RTU.</summary>
    public const string Eg4Ll = "eg4-ll";

    /// <summary>EG4 LifePower (v1) over the legacy "7E … 0D" protocol.</summary>
    public const string Eg4Legacy = "eg4-7e";

    /// <summary>JBD / Xiaoxiang smart BMS over BLE or UART.</summary>
    public const string Jbd = "jbd";

    /// <summary>JBD over Bluetooth LE: the JBD fields plus the link's diagnostics (<see cref="BleLinkFields"/>).</summary>
    public const string JbdBle = "jbd-ble";
}
