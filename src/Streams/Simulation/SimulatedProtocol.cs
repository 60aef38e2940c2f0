namespace Streams.Simulation;

/// <summary>The wire protocol a simulated device answers; one <see cref="SimulatedBus"/> carries one.</summary>
public enum SimulatedProtocol
{
    /// <summary>Modbus RTU fn 0x03 (EG4-LL packs, both register maps).</summary>
    ModbusRtu,

    /// <summary>EG4 LifePower (v1) <c>7E … 0D</c>.</summary>
    Eg4Legacy,

    /// <summary>JBD <c>DD … 77</c>; the protocol has no address, so a bus holds one such device.</summary>
    Jbd,
}
