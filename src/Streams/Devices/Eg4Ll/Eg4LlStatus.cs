namespace Streams.Devices.Eg4Ll;

/// <summary>
/// A decoded EG4-LL status block (registers 0..38 read from register 0). Integral values keep
/// the device's units; the scaled values are in V, A, Ah and °C.
/// </summary>
/// <param name="PackVoltage">Register 0 × 10 mV, in V.</param>
/// <param name="Current">Register 1 (int16) × 10 mA, in A; + = charging.</param>
/// <param name="CellMillivolts">Registers 2.. for the reported cell count (clamped to 16).</param>
/// <param name="ReportedCellCount">Register 36 as sent.</param>
/// <param name="PcbTemperature">Register 18, °C.</param>
/// <param name="MaxTemperature">Register 19, °C.</param>
/// <param name="AverageTemperature">Register 20, °C.</param>
/// <param name="RemainingCapacity">Register 21, Ah.</param>
/// <param name="MaxChargeCurrent">Register 22, A.</param>
/// <param name="StateOfHealth">Register 23, %.</param>
/// <param name="StateOfCharge">Register 24, %.</param>
/// <param name="StatusWord">Register 25 raw: state in the low bits, heater in bit 15.</param>
/// <param name="WarningBits">Register 26.</param>
/// <param name="ProtectionBits">Register 27.</param>
/// <param name="ErrorBits">Register 28.</param>
/// <param name="Cycles">Registers 29–30, uint32 big-endian word order.</param>
/// <param name="FullCapacityMilliampSeconds">Registers 31–32, uint32, mAs.</param>
/// <param name="SensorTemperatures">Six NTC bytes from registers 33–35, °C; null = sensor absent (0xC8).</param>
/// <param name="DesignedCapacityTenthsAh">Register 37, 0.1 Ah.</param>
/// <param name="BalancingBits">Register 38, bit 0 = cell 1.</param>
/// <param name="Registers">Every register read, from register 0, for raw diagnostics.</param>
internal sealed record Eg4LlStatus(
    double PackVoltage,
    double Current,
    IReadOnlyList<ushort> CellMillivolts,
    int ReportedCellCount,
    short PcbTemperature,
    short MaxTemperature,
    short AverageTemperature,
    ushort RemainingCapacity,
    ushort MaxChargeCurrent,
    ushort StateOfHealth,
    ushort StateOfCharge,
    ushort StatusWord,
    ushort WarningBits,
    ushort ProtectionBits,
    ushort ErrorBits,
    uint Cycles,
    uint FullCapacityMilliampSeconds,
    IReadOnlyList<sbyte?> SensorTemperatures,
    ushort DesignedCapacityTenthsAh,
    ushort BalancingBits,
    IReadOnlyList<ushort> Registers)
{
    public bool HeaterOn => (StatusWord & 0x8000) != 0;

    /// <summary>The operating state (register 25 without the heater bit); may be an undefined value.</summary>
    public Eg4LlOperatingState State => (Eg4LlOperatingState)(StatusWord & 0x7FFF);

    public double FullCapacityAh => FullCapacityMilliampSeconds / Eg4LlRegisterMap.MilliampSecondsPerAmpHour;

    public double DesignedCapacityAh => DesignedCapacityTenthsAh / 10.0;
}
