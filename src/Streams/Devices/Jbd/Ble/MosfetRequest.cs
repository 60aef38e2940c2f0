using Streams.Core;

namespace Streams.Devices.Jbd.Ble;

/// <summary>A MOSFET switch request: each MOSFET on, off, or (null) left as it is.</summary>
internal readonly record struct MosfetRequest(bool? Charge, bool? Discharge)
{
    /// <summary>The request a switch command means, or null for a switch a JBD BMS does not have.</summary>
    public static MosfetRequest? From(SwitchCommand command) =>
        command.Switch == JbdSwitches.ChargeMosfet.Key ? new MosfetRequest(command.On, null)
        : command.Switch == JbdSwitches.DischargeMosfet.Key ? new MosfetRequest(null, command.On)
        : null;

    public override string ToString() => $"charge {Describe(Charge)}, discharge {Describe(Discharge)}";

    private static string Describe(bool? state) => state switch
    {
        true => "on",
        false => "off",
        null => "unchanged",
    };
}
