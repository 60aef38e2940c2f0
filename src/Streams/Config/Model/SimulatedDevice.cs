namespace Streams.Config.Model;

/// <summary>The device a <see cref="SimulatorSourceConfig"/> imitates.</summary>
public enum SimulatedDevice
{
    /// <summary><c>eg4-ll</c>: an EG4-LL / LifePower4 v2 slave pack answering Modbus RTU.</summary>
    Eg4Ll,

    /// <summary><c>eg4-ll-master</c>: an EG4-LL pack acting as bank master (the other register map).</summary>
    Eg4LlMaster,

    /// <summary><c>eg4-7e</c>: a legacy LifePower v1 pack answering the 7E … 0D protocol.</summary>
    Eg47E,

    /// <summary><c>jbd</c>: a JBD BMS answering the DD … 77 protocol.</summary>
    Jbd,
}
