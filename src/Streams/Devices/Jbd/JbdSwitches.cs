using Streams.Core;

namespace Streams.Devices.Jbd;

/// <summary>The switches a JBD BMS offers when control is allowed: its two MOSFETs, keyed like their state fields.</summary>
internal static class JbdSwitches
{
    public static SwitchSpec ChargeMosfet { get; } = new(JbdFields.ChargeMosfet.Key, JbdFields.ChargeMosfet.Name);

    public static SwitchSpec DischargeMosfet { get; } = new(JbdFields.DischargeMosfet.Key, JbdFields.DischargeMosfet.Name);

    public static IReadOnlyList<SwitchSpec> All { get; } = [ChargeMosfet, DischargeMosfet];
}
